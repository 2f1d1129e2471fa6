// Meridian's service worker: keeps the app shell, the built assets and the
// datasets in the Cache API so the app starts with the server unreachable.
// - Page loads (navigations): network first, the cached shell when offline.
// - Hashed build assets, /data/ files and /api/datasets/<sha256>: cache
//   first, because their URLs name immutable content.
// - Everything else (sign-in, session, sync socket) goes to the network.

const CACHE = "meridian-shell-v1";
const SHELL_KEY = "/";
const IMMUTABLE_PREFIXES = ["/assets/", "/data/", "/api/datasets/"];
// Files under /data/ whose names do not change when their content does.
const MUTABLE_DATA = ["/data/manifest.json"];

self.addEventListener("install", (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  const data = event.data;
  if (data?.type !== "cache-urls" || !Array.isArray(data.urls)) return;
  event.waitUntil(
    Promise.all([
      cacheMissing(data.urls.filter(isImmutable)),
      cacheAssetList(),
    ]),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request, SHELL_KEY));
  } else if (isImmutable(url.href)) {
    event.respondWith(cacheFirst(request));
  } else if (
    url.pathname === "/icon.svg" ||
    url.pathname === "/manifest.webmanifest"
  ) {
    event.respondWith(networkFirst(request, url.pathname));
  }
});

function isImmutable(href) {
  const url = new URL(href, self.location.origin);
  if (url.origin !== self.location.origin) return false;
  if (MUTABLE_DATA.includes(url.pathname)) return false;
  return IMMUTABLE_PREFIXES.some((prefix) => url.pathname.startsWith(prefix));
}

// Caches the page and every script and style it names, so that a worker
// installed during the first visit already contains the whole shell.
async function cacheShell() {
  const cache = await caches.open(CACHE);
  const response = await fetch(SHELL_KEY, { cache: "no-cache" });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put(SHELL_KEY, response);
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map(
    (m) => m[1],
  );
  await cacheMissing(assets);
  await cacheAssetList();
}

// Caches every built asset that asset-list.json names, including chunks the
// page loads only on demand, so they work offline before their first use.
async function cacheAssetList() {
  try {
    const response = await fetch("/asset-list.json", { cache: "no-cache" });
    if (!response.ok) return;
    const files = await response.json();
    if (Array.isArray(files)) await cacheMissing(files.filter(isImmutable));
  } catch {
    // Offline: the list is fetched again on the next visit.
  }
}

async function cacheMissing(urls) {
  const cache = await caches.open(CACHE);
  for (const url of urls) {
    if (await cache.match(url)) continue;
    try {
      const response = await fetch(url);
      if (response.ok) await cache.put(url, response);
    } catch {
      // Offline or gone: the next visit that loads it caches it on fetch.
    }
  }
}

async function networkFirst(request, cacheKey) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(cacheKey, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(cacheKey);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}
