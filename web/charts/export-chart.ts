/**
 * Export of a chart's SVG as a standalone SVG or PNG file. The chart's CSS
 * (variables, light-dark() colours, inherited fonts) does not travel with a
 * file, so every element's computed style is written inline first.
 */

/** Computed properties that decide how SVG content draws. */
export const EXPORTED_PROPERTIES = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-opacity",
  "stroke-dasharray",
  "stroke-linecap",
  "stroke-linejoin",
  "opacity",
  "color",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "text-anchor",
  "dominant-baseline",
  "visibility",
  "display",
  "shape-rendering",
] as const;

const SVG_NAMESPACE = "http://www.w3.org/2000/svg";

/** Blank space around an exported chart, in pixels. */
const EXPORT_MARGIN = 12;

/** Builds a `style` attribute value from the computed value of each exported property. */
export function inlineStyleText(valueOf: (property: string) => string): string {
  return EXPORTED_PROPERTIES.map((property) => [property, valueOf(property)])
    .filter(([, value]) => value !== "")
    .map(([property, value]) => `${property}: ${value}`)
    .join("; ");
}

/**
 * Serialises a rendered chart to standalone SVG text: computed styles
 * inline, explicit size, and a rectangle in the page's background colour so
 * that the file reads the same on any viewer.
 */
export function serializeChart(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll("*")];
  const copies = [copy, ...copy.querySelectorAll("*")];
  originals.forEach((original, index) => {
    const style = getComputedStyle(original);
    copies[index].setAttribute(
      "style",
      inlineStyleText((property) => style.getPropertyValue(property)),
    );
  });

  const { width, height } = exportSize(svg);
  copy.setAttribute("xmlns", SVG_NAMESPACE);
  copy.setAttribute("width", String(width));
  copy.setAttribute("height", String(height));
  copy.setAttribute(
    "viewBox",
    `${-EXPORT_MARGIN} ${-EXPORT_MARGIN} ${width} ${height}`,
  );

  const background = document.createElementNS(SVG_NAMESPACE, "rect");
  background.setAttribute("x", String(-EXPORT_MARGIN));
  background.setAttribute("y", String(-EXPORT_MARGIN));
  background.setAttribute("width", String(width));
  background.setAttribute("height", String(height));
  background.setAttribute("fill", backgroundColor(svg));
  copy.insertBefore(background, copy.firstChild);

  return new XMLSerializer().serializeToString(copy);
}

/** Downloads the chart as an SVG file named `fileName` plus ".svg". */
export function downloadChartSvg(svg: SVGSVGElement, fileName: string): void {
  const blob = new Blob([serializeChart(svg)], { type: "image/svg+xml" });
  downloadBlob(blob, `${fileName}.svg`);
}

/**
 * Downloads the chart as a PNG file at `scale` times its size on screen, by
 * drawing the serialised SVG onto a canvas.
 */
export async function downloadChartPng(
  svg: SVGSVGElement,
  fileName: string,
  scale = 2,
): Promise<void> {
  const blob = await renderChartPng(svg, scale);
  downloadBlob(blob, `${fileName}.png`);
}

/** Renders the chart to a PNG blob at `scale` times its size on screen. */
export async function renderChartPng(
  svg: SVGSVGElement,
  scale = 2,
): Promise<Blob> {
  const { width, height } = exportSize(svg);
  const svgBlob = new Blob([serializeChart(svg)], { type: "image/svg+xml" });
  const url = URL.createObjectURL(svgBlob);
  try {
    const image = await loadImage(url);
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext("2d");
    if (context === null) {
      throw new Error(
        "Cannot export the chart as PNG: this browser gave no 2D canvas context. Export it as SVG instead.",
      );
    }
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await canvasBlob(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Size of the exported image: the chart on screen plus a margin on every side. */
function exportSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.getBoundingClientRect();
  return {
    width: Math.ceil(box.width) + 2 * EXPORT_MARGIN,
    height: Math.ceil(box.height) + 2 * EXPORT_MARGIN,
  };
}

/** Returns the first opaque background colour from the chart up, or white. */
function backgroundColor(element: Element): string {
  for (let node: Element | null = element; node; node = node.parentElement) {
    const color = getComputedStyle(node).backgroundColor;
    if (color !== "" && color !== "transparent" && !/, 0\)$/.test(color)) {
      return color;
    }
  }
  return "#ffffff";
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () =>
      reject(
        new Error(
          "Cannot export the chart as PNG: the browser could not draw its SVG. Export it as SVG instead.",
        ),
      );
    image.src = url;
  });
}

function canvasBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (blob) resolve(blob);
      else
        reject(
          new Error(
            `Cannot export the chart as PNG: the ${canvas.width} x ${canvas.height} canvas could not be encoded. Try a smaller chart or SVG.`,
          ),
        );
    }, "image/png");
  });
}

function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  // The click starts the download synchronously; the URL can go after it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
