// Serves the built app on loopback and drives Debian's Chromium with Playwright (for e2e tests
// and benchmarks). Chromium comes from apt (.ci/run installs it); Playwright never downloads one.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { build, preview, type PreviewServer } from "vite";
import { PROJECT_ROOT } from "../../src/node/paths";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);

export interface ServedApp {
  url: string;
  /** The built files being served. */
  outDir: string;
  close(): Promise<void>;
}

/** `vite build` into a temporary folder, served by `vite preview` on 127.0.0.1. */
export async function serveBuiltApp(): Promise<ServedApp> {
  const outDir = await mkdtemp(join(tmpdir(), "drydock-dist-"));
  await build({ root: PROJECT_ROOT, logLevel: "error", build: { outDir, emptyOutDir: true } });
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
