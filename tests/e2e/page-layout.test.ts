// The page as a learner moves around it, in a real Chromium: nothing outside the panes scrolls,
// a lesson opens at its top and a reload comes back to the step the learner was on, and the
// panel under the terminal folds with a control that says so.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { hasChromium, terminalText } from "../support/browser";
import { chromiumSession, type ChromiumSession } from "../support/chromium-session";

const PROGRESS_KEY = "drydock.progress";

async function openPage(session: ChromiumSession, progress?: object): Promise<Page> {
  const page = await session.newPage();
  if (progress) await page.addInitScript(([key, value]) => localStorage.setItem(key!, value!), [PROGRESS_KEY, JSON.stringify(progress)]);
  await page.goto(session.url());
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/root@drydock:~#/);
  return page;
}

/** How far the document itself scrolls, beyond the window: none, when only the panes scroll. */
const documentOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);

for (const viewport of [
  { width: 1400, height: 900 },
  { width: 1280, height: 720 },
]) {
  describe.skipIf(!hasChromium)(`the page at ${viewport.width} x ${viewport.height}`, () => {
    const session = chromiumSession(viewport);

    it("scrolls only inside its panes, whichever lesson is open", async () => {
      const page = await openPage(session);
      expect(await documentOverflow(page)).toBe(0);
      await page.locator("lesson-pane").getByRole("button", { name: /3\. Containers/ }).click();
      expect(await documentOverflow(page)).toBe(0);
    });
  });
}

describe.skipIf(!hasChromium)("lessons in the pane", () => {
  const session = chromiumSession({ width: 1400, height: 900 });
  const pane = (page: Page) => page.locator("lesson-pane");
  const paneScroll = (page: Page) => pane(page).evaluate((element) => element.scrollTop);
  /** Whether the element's top is inside the pane's visible part (give or take a pixel's rounding). */
  const inView = (page: Page, selector: string) =>
    pane(page).evaluate((element, selector) => {
      const target = element.shadowRoot!.querySelector(selector)!.getBoundingClientRect();
      const box = element.getBoundingClientRect();
      return target.top >= box.top - 1 && target.top < box.bottom;
    }, selector);

  it("opens the next lesson at its top, not where the last one was scrolled to", async () => {
    const lesson1 = ["hello", "client-and-daemon", "socket", "curl-version", "pull-with-curl", "tcp", "rmi-over-tcp"];
    const page = await openPage(session, { current: "what-docker-is", done: { "what-docker-is": lesson1 } });
    const next = pane(page).getByRole("button", { name: "Next lesson: Images and registries" });
    await pane(page).evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    expect(await paneScroll(page)).toBeGreaterThan(0);
    expect(await next.isVisible()).toBe(true);
    await next.click();
    await expect.poll(() => paneScroll(page)).toBe(0);
    expect(await inView(page, "#lesson-title")).toBe(true);
  });

  it("comes back after a reload at the first step not done", async () => {
    const done = ["first-run", "detached", "logs", "exec", "stop"];
    const page = await openPage(session, { current: "containers", done: { containers: done } });
    await expect.poll(() => inView(page, '.step[data-step-id="start"]')).toBe(true);
    expect(await paneScroll(page)).toBeGreaterThan(0);
  });

  it("ends each lesson with its recap, naming the next", async () => {
    const page = await openPage(session);
    const recap = pane(page).getByRole("region", { name: "Recap" });
    await expect.poll(() => recap.textContent()).toMatch(/Next: Images and registries/);
  });

  it("folds the panel under the terminal with a visible control, and unfolds it", async () => {
    const page = await openPage(session);
    const control = page.getByRole("button", { name: "Hide panel ▾" });
    expect(await control.isVisible()).toBe(true);
    expect(await page.locator("architecture-view").isVisible()).toBe(true);
    await control.click();
    await expect.poll(() => page.locator("architecture-view").isVisible()).toBe(false);
    await page.getByRole("button", { name: "Show panel ▴" }).click();
    await expect.poll(() => page.locator("architecture-view").isVisible()).toBe(true);
  });
});
