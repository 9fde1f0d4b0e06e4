import { defineConfig } from "vite";
import { devServiceWorkerPlugin } from "./src/service-worker/dev-plugin";
import { precachePlugin } from "./src/service-worker/precache-plugin";

export default defineConfig({
  // Relative URLs, so the built app can be hosted under any path of a docs site.
  base: "./",
  worker: { format: "es" },
  build: { target: "es2022", chunkSizeWarningLimit: 1024 },
  server: { host: "127.0.0.1" },
  plugins: [precachePlugin(), devServiceWorkerPlugin()],
});
