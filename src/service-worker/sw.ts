// The service worker: after one visit the app and its guest images come from this cache, so a
// second visit boots and runs lessons with the network off. It loads nothing from elsewhere.
// The build (vite.config.ts, precache-plugin.ts) writes the list of files and the cache's
// version over the two placeholders below.

const worker = self as unknown as ServiceWorkerGlobalScope;

const PRECACHE: string[] = JSON.parse("__DRYDOCK_PRECACHE__");
const CACHE = "drydock-__DRYDOCK_VERSION__";

worker.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(PRECACHE.map((path) => new Request(new URL(path, worker.registration.scope), { cache: "no-cache" })));
      await worker.skipWaiting();
    })(),
  );
});

worker.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith("drydock-") && name !== CACHE) await caches.delete(name);
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== worker.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // A page load is the app's index.html, whatever path a docs site hosts it under.
      const cached = await cache.match(request, { ignoreSearch: true, ignoreVary: true }) ?? (request.mode === "navigate" ? await cache.match(new URL("./", worker.registration.scope).href, { ignoreVary: true }) : undefined);
      return cached ?? fetch(request);
    })(),
  );
});
