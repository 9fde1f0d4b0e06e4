// One built app and one Chromium per test file (set up in beforeAll, closed in afterAll), and a
// fresh browser context per page: storage, caches and service workers start empty each time.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium, serveBuiltApp, type ServedApp } from "./browser";

export interface ChromiumSession {
  /** The address of the built app. */
  url(): string;
  /** A new page in a new context, page errors reported on the test's output. */
  newPage(): Promise<Page>;
}

/** `serve` builds and serves the app (by default `vite build` and `vite preview`). */
export function chromiumSession(viewport: { width: number; height: number }, serve: () => Promise<ServedApp> = serveBuiltApp): ChromiumSession {
  let app: ServedApp | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    [app, browser] = await Promise.all([serve(), launchChromium()]);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await app?.close();
  });
  return {
    url: () => app!.url,
    async newPage() {
      const context = await browser!.newContext({ viewport });
      contexts.push(context);
      const page = await context.newPage();
      page.on("pageerror", (error) => console.error("page error:", error));
      return page;
    },
  };
}
