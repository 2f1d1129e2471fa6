/** Offers `text` as a file download named `fileName`. */
export function downloadText(
  text: string,
  fileName: string,
  type: string,
): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  // The click starts the download synchronously, so the URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
