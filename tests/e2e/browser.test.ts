// The page in a real Chromium: the guest boots in a Web Worker and answers at the prompt.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { hasChromium, terminalText } from "../support/browser";
import { chromiumSession, type ChromiumSession } from "../support/chromium-session";

let session: ChromiumSession;

/** The terminal alone in its column: the tab panel under it folded (clicking the open tab). */
async function foldPanel(page: Page): Promise<void> {
  await page.locator("drydock-app").getByRole("tab", { name: "Architecture" }).click();
  await expect.poll(() => page.locator("drydock-app #panel-architecture").isHidden()).toBe(true);
}

const openPage = () => session.newPage();

describe.skipIf(!hasChromium)("the page in Chromium", () => {
  session = chromiumSession({ width: 1700, height: 900 });

  it("shows a prompt, and `uname -m` typed into the terminal prints i686", async () => {
    const page = await openPage();
    await page.goto(session.url());
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/root@drydock:~#/);
    await page.locator("guest-terminal").click();
    await page.keyboard.type("uname -m\n");
    await expect.poll(() => terminalText(page), { timeout: 15_000 }).toMatch(/uname -m\s+i686\s+root@drydock:~#/);
    await page.screenshot({ path: "test-results/terminal.png" });
  });

  it("runs `docker run --rm hello-world` typed into the terminal: the CLI and the daemon live in the worker", async () => {
    const page = await openPage();
    await page.goto(session.url());
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/root@drydock:~#/);
    await foldPanel(page);
    await page.locator("guest-terminal").click();
    await page.keyboard.type("docker run --rm hello-world\n");
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/Hello from Drydock![\s\S]*root@drydock:~#/);
    expect(await terminalText(page)).toMatch(/[0-9a-f]{12}: Pull complete/);
    await page.keyboard.type("clear; docker run -d --name web busybox sleep 600 >/dev/null; docker ps; docker images\n");
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/CONTAINER ID +IMAGE +COMMAND +CREATED +STATUS +PORTS +NAMES\s+[0-9a-f]{12} +busybox +"sleep 600" [\s\S]* web\s+REPOSITORY +TAG/);
    await page.screenshot({ path: "test-results/docker.png" });
  });

  it("passes the terminal's size to the guest tty, and its changes", async () => {
    const page = await openPage();
    await page.goto(session.url());
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/root@drydock:~#/);
    await foldPanel(page);
    const rows = () => page.locator("guest-terminal .xterm-rows > div").count();
    const before = await rows();
    await page.locator("guest-terminal").click();
    await page.keyboard.type("stty size\n");
    await expect.poll(() => terminalText(page), { timeout: 15_000 }).toMatch(new RegExp(`stty size\\s+${before} \\d{2,3}\\s`));
    await page.setViewportSize({ width: 700, height: 400 });
    await expect.poll(rows).toBeLessThan(before);
    const after = await rows();
    await page.keyboard.type("clear; stty size\n");
    await expect.poll(() => terminalText(page), { timeout: 15_000 }).toMatch(new RegExp(`^${after} \\d{2,3}\\s`, "m"));
  });

  it("shows a boot progress bar while fetching, then the terminal", async () => {
    const page = await openPage();
    // Hold the snapshot back, so the bar is on screen however fast the rest of the page is.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/images/snapshot.bin.zst", async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(session.url());
    const bar = page.locator("drydock-app boot-progress");
    await expect.poll(() => bar.locator("label").innerText(), { timeout: 30_000 }).toMatch(/^Fetching the VM: 0\.0 of [1-9][\d.]* MiB$/);
    expect(await bar.locator("progress").getAttribute("max")).toMatch(/^\d{7}$/);
    release();
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/root@drydock:~#/);
    expect(await bar.count()).toBe(0);
  });

  it("refuses a tampered image with a message naming it, not a blank page", async () => {
    const page = await openPage();
    await page.route("**/images/snapshot.json", (route) => route.fulfill({ status: 404, body: "not found" }));
    await page.route("**/images/bzImage", async (route) => {
      const response = await route.fetch();
      const body = await response.body();
      body[100] = body[100]! ^ 0xff;
      await route.fulfill({ response, body });
    });
    await page.goto(session.url());
    const alert = page.locator("drydock-app [role=alert]");
    await expect.poll(() => alert.innerText(), { timeout: 30_000 }).toMatch(
      /The VM could not start\s+public\/images\/bzImage is damaged: its sha256 is [0-9a-f]{64}, the manifest says [0-9a-f]{64}\. .*npm run images/,
    );
  });

  it("cold boots with a notice when the snapshot is missing", async () => {
    const page = await openPage();
    await page.route("**/images/snapshot.json", (route) => route.fulfill({ status: 404, body: "not found" }));
    await page.goto(session.url());
    await expect.poll(() => page.locator("drydock-app p.notice").innerText(), { timeout: 30_000 }).toMatch(/no VM snapshot yet/);
    await expect.poll(() => terminalText(page), { timeout: 90_000 }).toMatch(/root@drydock:~#/);
  });
});
