// Chromium samples: a new browser context per run (cold HTTP cache), page load to the prompt and
// to a first command answered, and the bytes fetched before the prompt; then, with the network
// off, a reload served by the service worker (the warm, offline visit).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";
import { launchChromium, serveBuiltApp } from "../tests/support/browser";
import { PROJECT_ROOT } from "../src/node/paths";

export interface BrowserSample {
  promptMs: number;
  firstCommandMs: number;
  bytes: number;
  gzipBytes: number;
  /** Reload to the prompt with the network off: everything from the service worker's cache. */
  offlinePromptMs: number;
}

/** What a static host with gzip would send for the file (zstd and other packed files as is). */
function gzipped(outDir: string, path: string): number {
  const bytes = readFileSync(join(outDir, path === "/" ? "index.html" : path));
  return Math.min(bytes.length, gzipSync(bytes, { level: 6 }).length);
}

export async function browserSamples(runs: number): Promise<BrowserSample[]> {
  const app = await serveBuiltApp();
  const browser = await launchChromium();
  const samples: BrowserSample[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      // Context-wide, so the engine worker's fetches count too.
      const fetched: Promise<{ url: string; bytes: number }>[] = [];
      context.on("requestfinished", (request) => {
        if (!request.url().startsWith(app.url)) return;
        fetched.push(request.sizes().then((sizes) => ({ url: request.url(), bytes: sizes.responseBodySize })));
      });
      await page.addInitScript('addEventListener("vm-ready", () => { window.readyAt = performance.now(); })');
      await page.goto(app.url);
      const promptMs = (await (await page.waitForFunction("window.readyAt")).jsonValue()) as number;
      const received = await Promise.all(fetched);
      await page.locator("guest-terminal").click();
      // A string, not a function: tsx's name-keeping helpers do not exist in the page.
      // A string, not a function: tsx's name-keeping helpers do not exist in the page.
      const answered = page.evaluate<number>(`new Promise((resolve) => {
        const rows = () => [...(document.querySelector("drydock-app")?.shadowRoot?.querySelector("guest-terminal")
          ?.shadowRoot?.querySelector(".xterm-rows")?.children ?? [])];
        const poll = () => rows().some((row) => row.textContent.trim() === "42") ? resolve(performance.now()) : requestAnimationFrame(poll);
        poll();
      })`);
      await page.keyboard.type("echo $((6*7))\n");
      const firstCommandMs = await answered;
      // The cache is complete once the worker is active (its install stores every file).
      await page.evaluate("navigator.serviceWorker.ready.then(() => true)");
      await context.setOffline(true);
      await page.reload();
      const offlinePromptMs = (await (await page.waitForFunction("window.readyAt")).jsonValue()) as number;
      samples.push({
        offlinePromptMs,
        promptMs,
        firstCommandMs,
        bytes: received.reduce((n, r) => n + r.bytes, 0),
        gzipBytes: received.reduce((n, r) => n + gzipped(app.outDir, new URL(r.url).pathname), 0),
      });
      await context.close();
    }
  } finally {
    await browser.close();
    await app.close();
  }
  return samples;
}

/** The app's own code as built: its JS (page, engine worker, service worker) and CSS, and v86's wasm apart. */
export async function appBundleBytes(): Promise<{ raw: number; gzip: number; wasmGzip: number }> {
  const outDir = mkdtempSync(join(tmpdir(), "drydock-size-"));
  try {
    await build({ root: PROJECT_ROOT, logLevel: "error", build: { outDir, emptyOutDir: true } });
    const files = [...readdirSync(join(outDir, "assets")).map((name) => join("assets", name)), "sw.js"];
    const code = files.filter((name) => /\.(js|css)$/.test(name)).map((name) => readFileSync(join(outDir, name)));
    const wasm = files.filter((name) => name.endsWith(".wasm")).map((name) => readFileSync(join(outDir, name)));
    const gz = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;
    return { raw: code.reduce((n, b) => n + b.length, 0), gzip: code.reduce((n, b) => n + gz(b), 0), wasmGzip: wasm.reduce((n, b) => n + gz(b), 0) };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
