import type { Plugin } from "vite";

const SW_ENTRY = "/src/service-worker/sw.ts";

/**
 * The service worker under the dev server (`npm start`), for the preview of published ports: sw.ts
 * as the dev server compiles it, served as sw.js (a module worker: its imports are the server's),
 * with nothing to precache, so the app's files stay the server's own, fresh on each load.
 */
export function devServiceWorkerPlugin(): Plugin {
  return {
    name: "drydock-dev-service-worker",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        if (request.method !== "GET" || request.url?.split("?")[0] !== "/sw.js") return next();
        server
          .transformRequest(SW_ENTRY)
          .then((result) => {
            if (!result) throw new Error(`the dev server could not compile ${SW_ENTRY}`);
            response.setHeader("Content-Type", "text/javascript");
            response.setHeader("Cache-Control", "no-cache");
            response.end(result.code.replace("__DRYDOCK_PRECACHE__", "[]").replace("__DRYDOCK_VERSION__", "dev"));
          })
          .catch(next);
      });
    },
  };
}
