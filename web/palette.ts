/**
 * Territory colours that stay distinguishable for the common forms of colour
 * blindness: the Okabe–Ito palette (Okabe and Ito, "Color Universal Design",
 * 2008) without black, then five of Paul Tol's "muted" scheme.
 */
export const PALETTE: readonly { color: string; name: string }[] = [
  { color: "#0072B2", name: "Blue" },
  { color: "#E69F00", name: "Orange" },
  { color: "#009E73", name: "Bluish green" },
  { color: "#CC79A7", name: "Reddish purple" },
  { color: "#56B4E9", name: "Sky blue" },
  { color: "#D55E00", name: "Vermillion" },
  { color: "#F0E442", name: "Yellow" },
  { color: "#332288", name: "Indigo" },
  { color: "#117733", name: "Green" },
  { color: "#882255", name: "Wine" },
  { color: "#44AA99", name: "Teal" },
  { color: "#999933", name: "Olive" },
];

/** Returns the first palette colour no territory uses yet, or cycles through the palette when all are taken. */
export function nextColor(usedColors: readonly string[]): string {
  const used = new Set(usedColors.map((c) => c.toUpperCase()));
  const free = PALETTE.find((entry) => !used.has(entry.color.toUpperCase()));
  return (free ?? PALETTE[usedColors.length % PALETTE.length]).color;
}

/** Returns the palette name of a colour, or the colour itself when it is not in the palette. */
export function colorName(color: string): string {
  const entry = PALETTE.find(
    (e) => e.color.toUpperCase() === color.toUpperCase(),
  );
  return entry ? entry.name : color;
}

/**
 * Returns black or white, whichever reads better on `background` (a
 * #rrggbb colour), by the WCAG relative luminance of the background.
 */
export function readableTextColor(background: string): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(background);
  if (!match) return "#ffffff";
  const [r, g, b] = match.slice(1).map((hex) => {
    const channel = Number.parseInt(hex, 16) / 255;
    return channel <= 0.03928
      ? channel / 12.92
      : ((channel + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // White and black give equal contrast at a luminance of about 0.179.
  return luminance > 0.179 ? "#111111" : "#ffffff";
}
