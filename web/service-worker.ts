/**
 * Registers public/sw.js, which keeps the app shell and datasets for offline
 * starts. Once it controls the page, the page sends it the URLs of the
 * scripts and styles it loaded before the worker existed, so the very first
 * visit is enough to start offline later.
 */
export function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker
    .register("/sw.js")
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const urls = performance
        .getEntriesByType("resource")
        .map((entry) => entry.name)
        .filter((url) => new URL(url).origin === window.location.origin);
      registration.active?.postMessage({ type: "cache-urls", urls });
    })
    .catch((error: unknown) => {
      console.warn(
        "Service worker registration failed; offline start is unavailable.",
        error,
      );
    });
}
