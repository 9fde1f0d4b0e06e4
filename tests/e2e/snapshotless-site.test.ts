// A site built without the VM snapshot (a fresh checkout's `vite build`, or a build whose
// snapshot step failed), behind a host that answers a missing file with the app's index.html:
// the page cold boots with the README's notice, however the server answers for the snapshot.
import { describe, expect, it } from "vitest";
import { buildApp, hasChromium, terminalText } from "../support/browser";
import { chromiumSession, type ChromiumSession } from "../support/chromium-session";
import { serveWithPageFallback } from "../support/page-fallback-server";

let session: ChromiumSession;

describe.skipIf(!hasChromium)("a site built without the snapshot, behind a single-page fallback", () => {
  session = chromiumSession({ width: 1400, height: 900 }, async () => serveWithPageFallback(await buildApp({ withoutSnapshot: true })));

  it("cold boots to the prompt with the notice, and runs a command", async () => {
    // The host answers for the snapshot the way the defect needs: the page, 200, as HTML.
    const answer = await fetch(new URL("images/snapshot.json", session.url()));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^text\/html/);

    const page = await session.newPage();
    await page.goto(session.url());
    await expect.poll(() => page.locator("drydock-app p.notice").allInnerTexts(), { timeout: 30_000 }).toEqual([expect.stringMatching(/^There is no VM snapshot yet, so the guest cold boots/)]);
    await expect.poll(() => terminalText(page), { timeout: 90_000 }).toMatch(/root@drydock:~#/);
    expect(await page.locator("drydock-app [role=alert]").count()).toBe(0);
    await page.locator("guest-terminal").click();
    await page.keyboard.type("echo o''k\n");
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/^ok\s*$/m);
  });
});
