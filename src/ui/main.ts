// The page's entry. The engine worker starts first, so the VM downloads and restores while the
// UI code (lit, xterm.js) is still loading; the engine client holds its messages until then.
import { EngineWorkerChannel } from "./engine-worker-channel";
import { servePreviews } from "./preview/preview-relay";

const engine = new EngineWorkerChannel(new Worker(new URL("../engine/worker.ts", import.meta.url), { type: "module" }));
engine.send({ type: "start", imagesUrl: new URL("images/", document.baseURI).href });

await import("./components/drydock-app/drydock-app");
const app = document.createElement("drydock-app");
app.engine = engine;
document.body.append(app);

// Offline from the second visit on (src/service-worker), and the preview of published ports.
// Registered once the VM is up, so its download of every file does not slow the first boot. The
// dev server (which alone has import.meta.hot) serves it as a module that precaches nothing.
if ("serviceWorker" in navigator) {
  // Its preview of published ports asks this page to carry each request to the container.
  servePreviews(navigator.serviceWorker, engine, document.baseURI);
  app.addEventListener(
    "vm-ready",
    () =>
      void navigator.serviceWorker
        .register(new URL("sw.js", document.baseURI), { scope: "./", type: import.meta.hot ? "module" : "classic" })
        .catch((error: unknown) => console.warn("Drydock works online only, without the preview of published ports: the service worker did not register:", error)),
    { once: true },
  );
}
