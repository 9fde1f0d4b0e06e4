// A static host as many are: the files it has, and for any other path the app's index.html with
// 200 (the usual single-page fallback, as `vite preview` and many static hosts answer).
import { readFile, rm, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import type { ServedApp } from "./browser";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".wasm": "application/wasm",
};

/** Serves the built app in `outDir` on 127.0.0.1, and removes it on close. */
export async function serveWithPageFallback(outDir: string): Promise<ServedApp> {
  const server = createServer((request, response) => {
    void (async () => {
      const path = join(outDir, normalize(decodeURIComponent(new URL(request.url!, "http://host").pathname)));
      const file = path.startsWith(outDir) && (await stat(path).catch(() => undefined))?.isFile() ? path : join(outDir, "index.html");
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      response.end(await readFile(file));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    outDir,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
