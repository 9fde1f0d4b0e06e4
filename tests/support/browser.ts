// Serves the built app on loopback and drives Debian's Chromium with Playwright (for e2e tests
// and benchmarks). Chromium comes from apt (.ci/run installs it); Playwright never downloads one.
import { cpSync, existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { build, createServer, preview, type PreviewServer } from "vite";
import { PROJECT_ROOT } from "../../src/node/paths";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);

export interface ServedApp {
  url: string;
  /** The built files being served (the project itself, under the dev server). */
  outDir: string;
  close(): Promise<void>;
}

/**
 * `vite build` into a temporary folder. Without the snapshot, it is the site a fresh checkout's
 * `vite build` makes (the snapshot is derived, so public/images has none there).
 */
export async function buildApp(options: { withoutSnapshot?: boolean } = {}): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), "drydock-dist-"));
  let publicDir: string | undefined;
  if (options.withoutSnapshot) {
    publicDir = await mkdtemp(join(tmpdir(), "drydock-public-"));
    cpSync(join(PROJECT_ROOT, "public"), publicDir, { recursive: true, filter: (path) => !basename(path).startsWith("snapshot.") });
  }
  try {
    await build({ root: PROJECT_ROOT, logLevel: "error", ...(publicDir ? { publicDir } : {}), build: { outDir, emptyOutDir: true } });
  } finally {
    if (publicDir) await rm(publicDir, { recursive: true, force: true });
  }
  return outDir;
}

/** The app built, served by `vite preview` on 127.0.0.1. */
export async function serveBuiltApp(): Promise<ServedApp> {
  const outDir = await buildApp();
  const server: PreviewServer = await preview({
    root: PROJECT_ROOT,
    logLevel: "error",
    build: { outDir },
    preview: { host: "127.0.0.1", port: 0, strictPort: false },
  });
  const address = server.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    outDir,
    close: async () => {
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

/**
 * The app as `npm start` serves it: the dev server, on 127.0.0.1. Its optimized dependencies go
 * to a temporary folder, not node_modules/.vite (node_modules may be shared with other checkouts).
 */
export async function serveDevApp(): Promise<ServedApp> {
  const cacheDir = await mkdtemp(join(tmpdir(), "drydock-vite-"));
  const server = await createServer({ root: PROJECT_ROOT, cacheDir, logLevel: "error", server: { host: "127.0.0.1", port: 0, strictPort: false } });
  await server.listen();
  const address = server.httpServer!.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    outDir: PROJECT_ROOT,
    close: async () => {
      await server.close();
      await rm(cacheDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** The text xterm.js shows (its DOM renderer's rows). */
export function terminalText(page: Page): Promise<string> {
  return page.locator("guest-terminal .xterm-rows").innerText();
}
