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

    it("shows several rows of the request list, following the newest", async () => {
      const page = await openPage(session);
      await page.locator("guest-terminal").click();
      await page.keyboard.type("clear; docker ps -q; docker images -q; docker ps -aq; docker version -f '{{.Server.Version}}'\n");
      await expect.poll(() => page.locator("architecture-view tbody tr").count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(8);
      // Rows wholly inside what shows of the list: its box, within the panel's.
      const visibleRows = () =>
        page.locator("architecture-view").evaluate((view) => {
          const box = view.shadowRoot!.querySelector(".requests")!.getBoundingClientRect();
          const panel = view.closest(".panel")!.getBoundingClientRect();
          const list = { top: Math.max(box.top, panel.top), bottom: Math.min(box.bottom, panel.bottom) };
          const rows = [...view.shadowRoot!.querySelectorAll("tbody tr")].map((row) => row.getBoundingClientRect());
          return { count: rows.filter((row) => row.top >= list.top && row.bottom <= list.bottom + 1).length, newestShown: rows.at(-1)!.bottom <= list.bottom + 1 };
        });
      await expect.poll(async () => (await visibleRows()).newestShown).toBe(true);
      expect((await visibleRows()).count).toBeGreaterThanOrEqual(4);
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

  it("closes an open Raw view when the learner opens another lesson", async () => {
    const page = await openPage(session);
    await page.locator("guest-terminal").click();
    await page.keyboard.type("clear; docker ps\n");
    const raw = page.locator("architecture-view").getByRole("button", { name: /^Raw HTTP of GET \/v[\d.]+\/containers\/json/ });
    await expect.poll(() => raw.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await raw.first().click();
    await expect.poll(() => page.locator("architecture-view #raw").isVisible()).toBe(true);
    await pane(page).getByRole("button", { name: /2\. Images and registries/ }).click();
    await expect.poll(() => page.locator("architecture-view #raw").count()).toBe(0);
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
