// The commands of typed-commands.ts typed into the page's terminal in Chromium (the built app,
// as a learner has it: the architecture view shown, the idle pause on), each timed from Enter to
// the shell's next prompt as the page receives it from the engine worker. The worker's messages
// are watched through a Worker wrapped before the app loads; the app itself is unchanged.
import type { Browser, Page } from "playwright-core";
import { PROMPT } from "../src/shared/prompt";
import { launchChromium, serveBuiltApp } from "../tests/support/browser";
import { timeTyped } from "./typed-commands";

/** Messages between the page and the engine worker while one command ran, by type. */
export type MessageCounts = Record<string, number>;

export interface PageConsoleFigures {
  /** Medians, ms, by command key. */
  medians: Record<string, number>;
  /** Per command line, the messages between page and worker from its last sample's Enter to its prompt. */
  messages: Record<string, MessageCounts>;
}

// A string, not a function: tsx's name-keeping helpers do not exist in the page.
const PROBE = `(() => {
  const prompt = new RegExp(${JSON.stringify(PROMPT.source)});
  const probe = { echo: "", start: 0, end: 0, output: "", messages: {} };
  window.drydockProbe = probe;
  const count = (key) => { if (probe.start && !probe.end) probe.messages[key] = (probe.messages[key] ?? 0) + 1; };
  const Base = window.Worker;
  window.Worker = class extends Base {
    constructor(url, options) {
      super(url, options);
      this.addEventListener("message", (event) => {
        const message = event.data;
        count("from engine: " + message.type);
        if (message.type !== "console-output") return;
        const text = String.fromCharCode(...message.data);
        if (!probe.start) probe.echo += text;
        else if (!probe.end) {
          probe.output += text;
          if (prompt.test(probe.output)) probe.end = performance.now();
        }
      });
    }
    postMessage(message, ...rest) {
      if (message?.type === "console-input" && message.data.includes(13)) {
        Object.assign(probe, { start: performance.now(), end: 0, output: "", messages: {} });
      }
      count("to engine: " + message?.type);
      return super.postMessage(message, ...rest);
    }
  };
})()`;

/** Types the line, waits for its echo, presses Enter and waits for the prompt. */
async function typeInPage(page: Page, line: string): Promise<{ ms: number; output: string; messages: MessageCounts }> {
  await page.evaluate(`Object.assign(window.drydockProbe, { echo: "", start: 0, end: 0 })`);
  await page.keyboard.type(line);
  await page.waitForFunction(`window.drydockProbe.echo.includes(${JSON.stringify(line)})`, undefined, { timeout: 15_000 });
  await page.keyboard.press("Enter");
  await page.waitForFunction("window.drydockProbe.end > 0", undefined, { timeout: 60_000 });
  const probe = (await page.evaluate("window.drydockProbe")) as { start: number; end: number; output: string; messages: MessageCounts };
  return { ms: probe.end - probe.start, output: probe.output.replace(PROMPT, ""), messages: probe.messages };
}

/** The built app loaded in a new context of `browser`, at its prompt, the images pulled: `type` times a line. */
export async function openTypedPage(browser: Browser, url: string): Promise<{ page: Page; type: (line: string) => ReturnType<typeof typeInPage> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(PROBE);
  await page.addInitScript('addEventListener("vm-ready", () => { window.readyAt = performance.now(); })');
  await page.goto(url);
  await page.waitForFunction("window.readyAt", undefined, { timeout: 60_000 });
  await page.locator("guest-terminal").click();
  for (const image of ["busybox", "hello-world"]) await typeInPage(page, `docker pull -q ${image}`);
  return { page, type: (line) => typeInPage(page, line) };
}

export async function pageConsoleFigures(samples: number, warmUp: number, pauseMs: number): Promise<PageConsoleFigures> {
  const app = await serveBuiltApp();
  const browser = await launchChromium();
  try {
    const { page, type } = await openTypedPage(browser, app.url);
    const messages: Record<string, MessageCounts> = {};
    const medians = await timeTyped(
      async (line) => {
        // A learner reads before typing again: what a command set going (the views' refreshes) settles meanwhile.
        await page.waitForTimeout(pauseMs);
        const typed = await type(line);
        messages[line] = typed.messages;
        return typed;
      },
      samples,
      warmUp,
    );
    return { medians, messages };
  } finally {
    await browser.close();
    await app.close();
  }
}
