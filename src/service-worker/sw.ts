// The service worker: after one visit the app and its guest images come from this cache, so a
// second visit boots and runs lessons with the network off. It loads nothing from elsewhere.
// The build (vite.config.ts, precache-plugin.ts) writes the list of files and the cache's
// version over the two placeholders below. Under preview/<port>/ it shows a published port's
// pages instead (preview.ts).
import { previewResponse, previewTarget, rootLinkTarget } from "./preview";

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
  const url = new URL(request.url);
  const scope = new URL(worker.registration.scope);
  const preview = previewTarget(url, scope) ?? rootLinkTarget(url, scope, request.referrer, request.mode === "navigate");
  if (preview) {
    event.respondWith("redirect" in preview ? Response.redirect(preview.redirect, 301) : previewResponse(request, preview.port, preview.target, worker.clients, scope));
    return;
  }
  // Nothing precached is the dev server's worker (dev-plugin.ts): the app's files are the server's.
  if (request.method !== "GET" || url.origin !== worker.location.origin || PRECACHE.length === 0) return;
  const app = url.pathname === scope.pathname || url.pathname === `${scope.pathname}index.html`;
  // Other pages of the site that hosts the app are the site's, not ours.
  if (request.mode === "navigate" && !app) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      if (request.mode === "navigate") {
        // The page from the network while there is one, so a new version shows at once; else ours.
        try {
          return await fetch(request);
        } catch {
          return (await cache.match(scope.href, { ignoreVary: true })) ?? Response.error();
        }
      }
      return (await cache.match(request, { ignoreSearch: true, ignoreVary: true })) ?? fetch(request);
    })(),
  );
});
