/** Maximum number of evenly spread points a timeline returns, besides versions. */
export const MAX_TIMELINE_POINTS = 400;

/**
 * Picks at most `max` items spread evenly over `items`, always with the first
 * and the last, plus every item for which `keep` is true. Keeps the order.
 */
export function thinPoints<T>(
  items: readonly T[],
  keep: (item: T) => boolean,
  max: number = MAX_TIMELINE_POINTS,
): T[] {
  if (items.length <= max) return [...items];

  const picked = new Set<number>();
  const step = (items.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) picked.add(Math.round(i * step));
  items.forEach((item, index) => {
    if (keep(item)) picked.add(index);
  });
  return [...picked].sort((a, b) => a - b).map((index) => items[index]);
}
