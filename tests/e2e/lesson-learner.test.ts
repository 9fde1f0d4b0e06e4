// A lesson as a beginner takes it, in a real Chromium: commands typed ahead of the steps still
// count, a step that waits says what to run, and the checks' own docker commands are drawn as
// the lesson's, not the learner's.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { hasChromium, terminalText } from "../support/browser";
import { chromiumSession } from "../support/chromium-session";

const PROMPT = "root@drydock:~#";

describe.skipIf(!hasChromium)("a lesson as a learner takes it", () => {
  const session = chromiumSession({ width: 1400, height: 900 });

  async function openAt(progress: object): Promise<Page> {
    const page = await session.newPage();
    await page.addInitScript((value) => localStorage.setItem("drydock.progress", value), JSON.stringify(progress));
    await page.goto(session.url());
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toContain(PROMPT);
    return page;
  }

  /**
   * Types a line at the prompt and waits for the prompt after it (the line's start as echoed, for
   * a long line wraps; the screen's last prompt until the echo arrives is the one before).
   */
  async function type(page: Page, line: string): Promise<void> {
    await page.locator("guest-terminal").click();
    await page.keyboard.type(`${line}\n`);
    const echoed = `${PROMPT} ${line.slice(0, 40)}`;
    await expect
      .poll(
        async () => {
          const text = await terminalText(page);
          const at = text.lastIndexOf(echoed);
          return at >= 0 && text.slice(at + echoed.length).trimEnd().endsWith(PROMPT);
        },
        { timeout: 60_000 },
      )
      .toBe(true);
  }

  const step = (page: Page, id: string) => page.locator("lesson-pane").locator(`[data-step-id="${id}"]`);

  it("credits a step whose commands ran before it became the one to do", async () => {
    const page = await openAt({ current: "containers", done: { containers: ["first-run", "detached"] } });
    // The logs step's commands and the exec step's, in one go: the prompt comes back once, when
    // the logs step turns done and the exec step only then becomes the one to do.
    await type(
      page,
      "docker run -d --name web busybox sleep 600; docker run --name hello busybox echo hello from a container; docker logs hello; docker exec web sh -c 'echo written inside > /tmp/note'; docker exec web cat /tmp/note",
    );
    await expect.poll(() => step(page, "logs").getAttribute("data-state"), { timeout: 30_000 }).toBe("done");
    await expect.poll(() => step(page, "exec").getAttribute("data-state"), { timeout: 30_000 }).toBe("done");
  });

  it("says what a waiting step wants, and what to run", async () => {
    const page = await openAt({ current: "containers", done: {} });
    await type(page, "docker ps");
    await expect.poll(() => step(page, "first-run").locator(".reason").textContent(), { timeout: 30_000 }).toBe(
      "Not yet: there is no container named first yet. Run this step's commands (again) to finish it.",
    );
  });

  it("draws a check's own docker commands as the lesson's, and never credits them to the learner", async () => {
    const page = await openAt({ current: "containers", done: { containers: ["first-run", "detached"] } });
    await type(page, "docker run --name hello busybox echo hello from a container");
    // The step wants the learner's `docker logs`: the pane has not run its own yet.
    await expect.poll(() => step(page, "logs").locator(".reason").textContent(), { timeout: 30_000 }).toMatch(/GET \/containers\/hello\/logs request from the docker CLI/);
    await type(page, "docker logs hello");
    await expect.poll(() => step(page, "logs").getAttribute("data-state"), { timeout: 30_000 }).toBe("done");
    const logs = (client: string) => page.locator(`architecture-view tr[data-client="${client}"][data-path*="/containers/hello/logs"]`).count();
    await expect.poll(() => logs("lesson check")).toBeGreaterThan(0);
    expect(await logs("docker CLI")).toBe(1);
  });

  it("says what a reload did, and a step about stopping a container still completes after it", async () => {
    const page = await openAt({ current: "containers", done: { containers: ["first-run", "detached", "logs", "exec"] } });
    await type(page, "docker run -d --name web busybox sleep 600");
    await page.reload();
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toContain(PROMPT);
    await expect.poll(() => page.locator("drydock-app .notice").allTextContents(), { timeout: 30_000 }).toContainEqual(
      expect.stringMatching(/^The page was reloaded, so the Docker host started afresh: 1 container that was running is now stopped \(Exited \(255\)\)/),
    );
    await page.locator("lesson-pane").getByRole("button", { name: "Run: docker stop -t 1 web" }).click();
    await expect.poll(() => step(page, "stop").getAttribute("data-state"), { timeout: 30_000 }).toBe("done");
  });

  it("waits for the host's prompt to type a Run command pressed inside a container's shell", async () => {
    const page = await openAt({ current: "containers", done: {} });
    await page.locator("guest-terminal").click();
    await page.keyboard.type("clear; docker run -it --rm busybox sh\n");
    await expect.poll(async () => (await terminalText(page)).trimEnd().split("\n").at(-1)!.trim(), { timeout: 30_000 }).toBe("/ #");
    await page.locator("lesson-pane").getByRole("button", { name: "Run: docker ps", exact: true }).click();
    await expect.poll(() => page.locator("drydock-app .waiting").textContent()).toMatch(/Run waits for the Docker host's prompt to type docker ps/);
    expect(await terminalText(page)).not.toContain("docker: not found");
    await page.locator("guest-terminal").click();
    await page.keyboard.type("exit\n");
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/^CONTAINER ID +IMAGE/m);
    expect(await page.locator("drydock-app .waiting").count()).toBe(0);
    // The terminal's answer to the prompt's cursor query went to that prompt, not into `docker ps`.
    expect(await terminalText(page)).not.toMatch(/\^\[\[\d+;\d+R/);
  });

  it("says what to do about a name an earlier run left, and an image the offline hub lacks", async () => {
    const page = await openAt({ current: "containers", done: {} });
    await type(page, "docker run -d --name first busybox sleep 60; docker run --name first hello-world");
    expect(await terminalText(page)).toContain('Conflict. The container name "/first" is already in use');
    await expect.poll(() => step(page, "first-run").locator(".advice").textContent(), { timeout: 30_000 }).toBe(
      "A container named first is left from an earlier run, so Docker refused the new one (Conflict). docker rm -f first removes it; then run the command again.",
    );
    await type(page, "docker run ubuntu");
    expect(await terminalText(page)).toContain("pull access denied for ubuntu");
    await expect.poll(() => step(page, "first-run").locator(".advice").textContent(), { timeout: 30_000 }).toMatch(/^This Docker host is offline: its built-in hub has busybox and hello-world, and no ubuntu\./);
  });

  it("runs every Run pressed in a row, in order, and credits each step", async () => {
    const page = await openAt({ current: "isolation", done: {} });
    const pane = page.locator("lesson-pane");
    // Pressed one after the other without waiting: each is typed when the prompt is back.
    for (const command of ["docker run -d --name box busybox sleep 1000", "docker top box", "ps | grep 'sleep 1000'", "docker exec box ps"]) {
      await pane.getByRole("button", { name: `Run: ${command}`, exact: true }).click();
    }
    await expect.poll(() => step(page, "start-box").getAttribute("data-state"), { timeout: 60_000 }).toBe("done");
    await expect.poll(() => step(page, "pids").getAttribute("data-state"), { timeout: 60_000 }).toBe("done");
    // In the order pressed, each at its own prompt.
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/# docker run -d --name box[\s\S]*# docker top box\n[\s\S]*# ps \| grep 'sleep 1000'\n[\s\S]*# docker exec box ps\nPID +USER +COMMAND\n +1 root +sleep 1000/);
  });

  it("shows a long command whole, wrapped in the pane", async () => {
    const page = await openAt({ current: "isolation", done: {} });
    const command = page.locator("lesson-pane").locator(".command code", { hasText: "for i in 1 2 3 4 5 6" });
    expect(await command.evaluate((code) => code.scrollWidth <= code.clientWidth)).toBe(true);
    expect(await command.textContent()).toBe("docker run --name forky --pids-limit 4 busybox sh -c 'for i in 1 2 3 4 5 6; do sleep 2 & done; wait'");
  });

  it("types a heredoc from Run whole, at the shell's > prompts, and checks the step once the prompt is back", async () => {
    const page = await openAt({ current: "build-your-own-image", done: {} });
    const pane = page.locator("lesson-pane");
    const dockerfile = "cat > Dockerfile <<'EOF'\nFROM busybox\nWORKDIR /app\nRUN date > built-at\nCOPY hello.sh .\nCMD [\"sh\", \"hello.sh\"]\nEOF";
    // Shown whole, a line each (read as the text it copies), one Run for all its lines, named by its first.
    expect(await step(page, "dockerfile").locator(".command code", { hasText: "cat > Dockerfile" }).innerText()).toBe(dockerfile);
    await pane.getByRole("button", { name: "Run: mkdir -p ~/hello && cd ~/hello", exact: true }).click();
    await pane.getByRole("button", { name: "Run: cat > hello.sh <<'EOF' (and 3 more lines)", exact: true }).click();
    // hello.sh is there, the Dockerfile not yet: the step waits for it.
    await expect.poll(() => step(page, "dockerfile").locator(".reason").textContent(), { timeout: 30_000 }).toMatch(/there is no Dockerfile in ~\/hello yet/);
    await step(page, "dockerfile").getByRole("button", { name: "Run: cat > Dockerfile <<'EOF' (and 6 more lines)", exact: true }).click();
    await expect.poll(() => step(page, "dockerfile").getAttribute("data-state"), { timeout: 30_000 }).toBe("done");
    // Each line after the first was read at a > prompt, and the host's prompt came back after EOF
    // (drawn by the terminal a moment after the step's checks may have run, on a loaded machine).
    await expect.poll(() => terminalText(page)).toContain(
      "root@drydock:~/hello# cat > Dockerfile <<'EOF'\n> FROM busybox\n> WORKDIR /app\n> RUN date > built-at\n> COPY hello.sh .\n> CMD [\"sh\", \"hello.sh\"]\n> EOF\nroot@drydock:~/hello#",
    );
    expect(await step(page, "build").getAttribute("data-state")).toBe("pending");
  });
});
