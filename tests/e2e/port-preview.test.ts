// The preview of published ports in a real Chromium with the real VM: a busybox httpd started
// with -p in the page's terminal is listed in the Ports tab, and its pages are shown in the
// app through the service worker (page -> engine worker -> agent -> container): a page, an
// 8 MiB file whole, a POST's body reaching a CGI script, offline, a 502 for a port nothing publishes,
// the terminal's and the Desktop tab's links to the port, and the requests in the architecture
// view. Under the dev server too.
import type { Frame, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { hasChromium, serveDevApp, terminalText } from "../support/browser";
import { chromiumSession, type ChromiumSession } from "../support/chromium-session";

const PROMPT_LINE = /^root@drydock:\S*#$/;
const BIG = 8 * 1024 * 1024;

// The CGI script echoes the method and the body; `\$` keeps the container's shell from expanding
// what the script is to read when it runs.
const SITE = [
  "docker run -d -p 8080:80 --name site busybox sh -c '",
  "mkdir -p /www/cgi-bin && echo hello from site > /www/index.html && echo from the root > /www/root.txt",
  " && dd if=/dev/zero of=/www/big bs=1M count=8 2>/dev/null",
  ' && printf "#!/bin/sh\\necho Content-Type: text/plain\\necho\\necho got \\$REQUEST_METHOD \\$(head -c \\$CONTENT_LENGTH)\\n" > /www/cgi-bin/echo',
  " && chmod +x /www/cgi-bin/echo && httpd -f -p 80 -h /www'",
].join("");

/** Types `command` in the terminal and waits for the shell's next prompt. */
async function run(page: Page, command: string): Promise<void> {
  await page.keyboard.type(`${command}\n`);
  await expect.poll(() => terminalText(page), { timeout: 15_000 }).toContain(command.slice(0, 40));
  await expect.poll(async () => (await terminalText(page)).trimEnd().split("\n").at(-1)!.trim(), { timeout: 60_000 }).toMatch(PROMPT_LINE);
}

async function previewFrame(page: Page): Promise<Frame> {
  const frame = await page.locator("port-preview iframe").elementHandle().then((element) => element?.contentFrame());
  if (!frame) throw new Error("no preview frame");
  return frame;
}

let session: ChromiumSession;
let dev: ChromiumSession;

describe.skipIf(!hasChromium)("the preview of published ports in Chromium", () => {
  session = chromiumSession({ width: 1280, height: 900 });

  it("lists a published port, shows its page, carries 8 MiB whole and a POST's body, answers 502 for a port nothing publishes, and opens from the terminal and the Desktop tab", async () => {
    const page = await session.newPage();
    await page.goto(session.url());
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/root@drydock:~#/);
    await page.locator("guest-terminal").click();
    await run(page, SITE);
    // Ready once the guest's own listener on 8080 gets the page.
    await run(page, "until wget -q -O - localhost:8080/ >/dev/null 2>&1; do sleep 0.2; done; echo site is up");

    await page.locator("drydock-app").getByRole("tab", { name: "Ports" }).click();
    const row = page.locator('port-preview tr[data-port="8080"]');
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect((await row.innerText()).replace(/\s+/g, " ").trim()).toBe("site 0.0.0.0:8080->80/tcp Open");
    await row.getByRole("button", { name: "Open port 8080 of site" }).click();
    await expect.poll(async () => (await (await previewFrame(page)).locator("body").innerText().catch(() => "")).trim(), { timeout: 30_000 }).toBe("hello from site");
    const frame = await previewFrame(page);
    expect(frame.url()).toBe(new URL("preview/8080/", session.url()).href);
    await page.screenshot({ path: "test-results/port-preview.png" });

    // Relative to the page in the frame: preview/8080/big.
    const big = await frame.evaluate(async () => {
      const response = await fetch("big");
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, length: bytes.length, zeros: bytes.every((b) => b === 0) };
    });
    expect(big).toEqual({ status: 200, length: BIG, zeros: true });

    const posted = await frame.evaluate(async () => {
      const response = await fetch("cgi-bin/echo", { method: "POST", body: "a body for the container", headers: { "Content-Type": "text/plain" } });
      return { status: response.status, text: (await response.text()).trim() };
    });
    expect(posted).toEqual({ status: 200, text: "got POST a body for the container" });

    // Addresses from the server's root ("/root.txt") are the container's too, and a navigation to one stays in the preview.
    expect(await frame.evaluate(async () => (await (await fetch("/root.txt")).text()).trim())).toBe("from the root");
    await frame.evaluate(() => void (location.href = "/index.html"));
    await expect.poll(async () => (await previewFrame(page)).url(), { timeout: 15_000 }).toBe(new URL("preview/8080/index.html", session.url()).href);

    // Nothing of the preview is fetched from the network: it works offline as the app does.
    await page.context().setOffline(true);
    expect(await frame.evaluate(async () => (await (await fetch("index.html")).text()).trim())).toBe("hello from site");
    await page.context().setOffline(false);

    const unpublished = await frame.evaluate(async () => {
      const response = await fetch(new URL("../9090/", location.href));
      return { status: response.status, text: await response.text() };
    });
    expect(unpublished.status).toBe(502);
    expect(unpublished.text).toContain("Nothing is published on port 9090 of the Docker host");

    // The terminal's localhost addresses open in the preview, not in a dead tab.
    await page.locator("port-preview").getByRole("button", { name: "Close the preview" }).click();
    await page.locator("guest-terminal").click();
    await run(page, "echo see http://localhost:8080/index.html");
    const line = page.locator("guest-terminal .xterm-rows > div", { hasText: /^see http:\/\/localhost:8080\/index\.html\s*$/ });
    const box = (await line.boundingBox())!;
    // Over the address (after "see "), hovered first: xterm.js finds links as the pointer moves.
    await page.mouse.move(box.x + 80, box.y + box.height / 2);
    await page.mouse.move(box.x + 90, box.y + box.height / 2);
    await page.mouse.click(box.x + 90, box.y + box.height / 2);
    await expect.poll(async () => (await page.locator("port-preview iframe").count()) === 1 && (await previewFrame(page)).url(), { timeout: 15_000 }).toBe(new URL("preview/8080/index.html", session.url()).href);
    await expect.poll(async () => (await (await previewFrame(page)).locator("body").innerText().catch(() => "")).trim(), { timeout: 30_000 }).toBe("hello from site");

    // Docker Desktop's port links: the Desktop tab's opens the same preview.
    await page.locator("port-preview").getByRole("button", { name: "Close the preview" }).click();
    await page.locator("drydock-app").getByRole("tab", { name: "Desktop" }).click();
    const link = page.locator('docker-desktop tr[data-name="site"] a', { hasText: "0.0.0.0:8080→80/tcp" });
    await expect.poll(() => link.count(), { timeout: 15_000 }).toBe(1);
    await link.click();
    expect(await page.locator("drydock-app").getByRole("tab", { name: "Ports" }).getAttribute("aria-selected")).toBe("true");
    await expect.poll(async () => (await (await previewFrame(page)).locator("body").innerText().catch(() => "")).trim(), { timeout: 30_000 }).toBe("hello from site");

    // The architecture view lists the preview's requests beside the API's.
    await page.locator("drydock-app").getByRole("tab", { name: "Architecture" }).click();
    const exchange = page.locator('architecture-view tr[data-client="this page"][data-path="/big"]').first();
    expect((await exchange.locator("td").first().innerText()).trim()).toBe("this page → container");
    expect(await exchange.getAttribute("data-status")).toBe("200");
  });
});

describe.skipIf(!hasChromium)("the preview under the dev server (npm start)", () => {
  dev = chromiumSession({ width: 1280, height: 900 }, serveDevApp);

  it("shows a published port's page: the dev server serves the service worker as a module", async () => {
    const page = await dev.newPage();
    await page.goto(dev.url());
    await expect.poll(() => terminalText(page), { timeout: 60_000 }).toMatch(/root@drydock:~#/);
    await page.locator("guest-terminal").click();
    await run(page, "docker run -d -p 8080:80 --name dev busybox sh -c 'mkdir /www && echo hello from dev > /www/index.html && httpd -f -p 80 -h /www'");
    await run(page, "until wget -q -O - localhost:8080/ >/dev/null 2>&1; do sleep 0.2; done; echo site is up");
    await page.locator("drydock-app").getByRole("tab", { name: "Ports" }).click();
    const open = page.locator("port-preview").getByRole("button", { name: "Open port 8080 of dev" });
    await expect.poll(() => open.count(), { timeout: 15_000 }).toBe(1);
    await open.click();
    await expect.poll(async () => (await (await previewFrame(page)).locator("body").innerText().catch(() => "")).trim(), { timeout: 30_000 }).toBe("hello from dev");
  });
});
