import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Plugin } from "vite";

const SW_ENTRY = "src/service-worker/sw.ts";

/**
 * Builds the service worker (src/service-worker/sw.ts) as sw.js beside index.html and fills in
 * what it caches: every file of the build and of its public folder (the guest images), and a
 * version that changes with them, so a new build replaces the old cache in one step.
 */
export function precachePlugin(): Plugin {
  // The build's own (`publicDir` may name another than public/), known once the config is.
  let publicDir = "";
  return {
    name: "drydock-precache",
    apply: "build",
    configResolved(config) {
      publicDir = config.publicDir;
    },
    config: () => ({
      build: {
        rollupOptions: {
          input: { main: "index.html", sw: SW_ENTRY },
          output: { entryFileNames: (chunk: { name: string }) => (chunk.name === "sw" ? "sw.js" : "assets/[name]-[hash].js") },
        },
      },
    }),
    generateBundle(_options, bundle) {
      const sw = bundle["sw.js"];
      if (!sw || sw.type !== "chunk") throw new Error("the service worker was not built");
      const files = [...Object.keys(bundle).filter((name) => name !== "sw.js"), ...publicFiles(publicDir)].sort();
      const version = createHash("sha256");
      for (const name of files) {
        const item = bundle[name];
        version.update(name).update(item ? (item.type === "chunk" ? item.code : item.source) : String(statSync(join(publicDir, name)).mtimeMs));
      }
      const list = ["./", ...files.filter((name) => name !== "index.html")];
      sw.code = sw.code.replace("__DRYDOCK_PRECACHE__", JSON.stringify(list).replace(/["\\]/g, "\\$&")).replace("__DRYDOCK_VERSION__", version.digest("hex").slice(0, 16));
    },
  };
}

function publicFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      // Half-written files of a build in progress are not the app's.
      else if (!entry.name.endsWith(".tmp")) files.push(relative(dir, full).split("\\").join("/"));
    }
  };
  walk(dir);
  return files;
}
