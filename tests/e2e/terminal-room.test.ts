// The room the page gives its terminal, in a real Chromium at 1400 x 900: Docker's tables
// (docker ps) need about 120 columns, and the lesson pane folds away for more, by keyboard too,
// and stays folded across a reload.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { hasChromium, terminalText } from "../support/browser";
import { chromiumSession, type ChromiumSession } from "../support/chromium-session";

let session: ChromiumSession;

/**
 * The terminal's columns as the guest's tty has them (`stty size`). The page sends a new size
 * beside what is typed, not before it, so a size just changed is asked for until it shows.
 */
async function columns(page: Page): Promise<number> {
  await page.locator("guest-terminal").click();
  await page.keyboard.type("clear; stty size\n");
  await expect.poll(() => terminalText(page), { timeout: 15_000 }).toMatch(/^\d+ \d+\s*$/m);
  return Number(/^\d+ (\d+)\s*$/m.exec(await terminalText(page))![1]);
}

async function openPage(): Promise<Page> {
  const page = await session.newPage();
  await page.goto(session.url());
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/root@drydock:~#/);
  return page;
}

describe.skipIf(!hasChromium)("the terminal's room at 1400 x 900", () => {
  session = chromiumSession({ width: 1400, height: 900 });

  it("has 120 columns beside the lessons, and docker ps's lines each fit on one", async () => {
    const page = await openPage();
    await expect.poll(() => columns(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(120);
    await page.keyboard.type("clear; docker run -d --name web busybox sleep 600 >/dev/null; docker ps\n");
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/^CONTAINER ID +IMAGE +COMMAND +CREATED +STATUS +PORTS +NAMES *$/m);
    expect(await terminalText(page)).toMatch(/^[0-9a-f]{12} +busybox +"sleep 600" +.* Up .* web *$/m);
  });

  it("folds the lesson pane away by keyboard for a wider terminal, keeps it folded across a reload, and unfolds it", async () => {
    const page = await openPage();
    await expect.poll(() => columns(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(120);
    const beside = await columns(page);
    const pane = page.locator("lesson-pane");
    const fold = pane.getByRole("button", { name: "Lessons", exact: true });
    expect(await fold.getAttribute("aria-expanded")).toBe("true");
    await fold.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => fold.getAttribute("aria-expanded")).toBe("false");
    expect(await pane.getByRole("button", { name: /1\. What Docker is/ }).isHidden()).toBe(true);
    expect(await fold.evaluate((button) => button.matches(":focus"))).toBe(true);
    await expect.poll(() => columns(page), { timeout: 30_000 }).toBeGreaterThan(beside);

    await page.reload();
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/root@drydock:~#/);
    expect(await fold.getAttribute("aria-expanded")).toBe("false");
    await fold.focus();
    await page.keyboard.press("Space");
    await expect.poll(() => pane.getByRole("button", { name: /1\. What Docker is/ }).isVisible()).toBe(true);
    await expect.poll(() => columns(page), { timeout: 30_000 }).toBe(beside);
  });
});
