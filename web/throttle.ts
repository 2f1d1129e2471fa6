/**
 * Wraps a function so that it runs at most once per `intervalMs`: the first
 * call runs at once, and the last call within an interval runs when the
 * interval ends, so the final value always goes out.
 */
export function throttle<A extends unknown[]>(
  fn: (...args: A) => void,
  intervalMs: number,
): (...args: A) => void {
  let lastRun = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: A | null = null;

  const run = (args: A) => {
    lastRun = Date.now();
    fn(...args);
  };

  return (...args: A) => {
    const wait = lastRun + intervalMs - Date.now();
    if (wait <= 0 && timer === null) {
      run(args);
      return;
    }
    pending = args;
    timer ??= setTimeout(
      () => {
        timer = null;
        if (pending) run(pending);
        pending = null;
      },
      Math.max(wait, 0),
    );
  };
}
