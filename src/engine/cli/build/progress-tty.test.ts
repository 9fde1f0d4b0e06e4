// BuildKit's terminal progress (buildx on a tty), fed the daemon's BuildProgress messages: the
// frames' visible text, their in-place redraw, widths, heights, colours and a running step's
// output rows, as BuildKit's display draws them.
import { describe, expect, it } from "vitest";
import { appBuild, log, vertex, type TimedProgress } from "../../../../tests/support/build-progress";
import { BuildTrace } from "./build-trace";
import { failedSteps } from "./error-report";
import { TtyProgress } from "./progress-tty";

/** A display over a fresh trace, the test's clock in `clock.now` (daemon ms; local time is 50 s ahead). */
function display(color = false) {
  const clock = { now: 0 };
  const trace = new BuildTrace(() => 50_000 + clock.now);
  const tty = new TtyProgress(trace, { phase: "Building", description: "docker:default", color });
  const feed = (steps: TimedProgress[], until = Infinity) => {
    for (const step of steps.filter((s) => s.at <= until)) {
      clock.now = step.at;
      trace.update(step.progress);
    }
  };
  return { clock, trace, tty, feed };
}

/** What a frame shows: cursor movements, colours and the cursor's hiding left out. */
const visible = (frame: string) =>
  frame
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "")
    .replace(/\r/g, "")
    .split("\n");

describe("terminal progress", () => {
  it("draws the build as BuildKit does: a header with the builder on the right, a line per step and sub-step, times aligned", () => {
    const { tty, feed, clock } = display();
    feed(appBuild());
    clock.now = 1400;
    expect(visible(tty.frame(80, 30, true))).toEqual([
      "[+] Building 1.4s (8/8) FINISHED                                 docker:default",
      " => [internal] load build definition from Dockerfile                       0.0s",
      " => => transferring dockerfile: 80B                                        0.0s",
      " => [internal] load metadata for docker.io/library/busybox:latest          0.5s",
      " => [internal] load .dockerignore                                          0.0s",
      " => => transferring context: 2B                                            0.0s",
      " => CACHED [1/3] FROM docker.io/library/busybox:latest                     0.0s",
      " => [internal] load build context                                          0.0s",
      " => => transferring context: 61B                                           0.0s",
      " => [2/3] COPY app.sh /app.sh                                              0.1s",
      " => [3/3] RUN ./app.sh                                                     0.6s",
      " => exporting to image                                                     0.1s",
      " => => exporting layers                                                    0.0s",
      " => => writing image sha256:4e5f6a7b8c9d                                   0.0s",
      " => => naming to docker.io/library/app:latest                              0.0s",
      "",
    ]);
  });

  it("shows a running step's latest output under it, its clock going, and no FINISHED before the end", () => {
    const { tty, feed, clock } = display();
    feed(appBuild(), 882);
    clock.now = 1000;
    const lines = visible(tty.frame(80, 30, false));
    expect(lines[0]).toBe("[+] Building 1.0s (6/7)                                          docker:default");
    expect(lines.slice(-3)).toEqual([" => [3/3] RUN ./app.sh                                                     0.4s", ` => => # hello from app${" ".repeat(56)}`, ""]);
  });

  it("redraws in place: up to the last frame's first line, the cursor hidden meanwhile, leftover lines blanked", () => {
    const { tty, feed, clock } = display();
    feed(appBuild(true), 882);
    const first = tty.frame(80, 30, false);
    expect(first.startsWith("\r\x1b[?25l[+] Building 0.9s (6/7) ")).toBe(true);
    expect(first.endsWith("\x1b[?25h")).toBe(true);
    feed(appBuild(true));
    clock.now = 1000;
    const last = tty.frame(80, 30, true);
    // 10 step lines and an output row before: up 12 to the header; 10 lines now, so one is blanked.
    expect(last.startsWith("\x1b[12A\r\x1b[?25l[+] Building 1.0s (7/7) FINISHED ")).toBe(true);
    expect(last.endsWith(` => ERROR [3/3] RUN ./app.sh${" ".repeat(47)}0.3s\n${" ".repeat(80)}\n\x1b[1A\r\x1b[?25h`)).toBe(true);
  });

  it("colours finished lines blue, a failed one red, and leaves running ones and NO_COLOR alone", () => {
    const { tty, feed } = display(true);
    feed(appBuild(true), 882);
    const running = tty.frame(80, 30, false);
    expect(running).toContain(`\x1b[34m => [2/3] COPY app.sh /app.sh${" ".repeat(46)}0.1s\n\x1b[0m`);
    expect(running).toContain(`\x1b[0m => [3/3] RUN ./app.sh`);
    expect(running).toContain(`\x1b[2m => => # hello from app`);
    feed(appBuild(true));
    expect(tty.frame(80, 30, true)).toContain("\x1b[31m => ERROR [3/3] RUN ./app.sh");
    const plain = display(false);
    plain.feed(appBuild());
    expect(plain.tty.frame(80, 30, true)).not.toContain("\x1b[3");
  });

  it("cuts lines to a narrow terminal, and drops the step lines when there is no room for them", () => {
    const { tty, feed } = display();
    feed(appBuild());
    const narrow = visible(tty.frame(40, 30, true));
    expect(narrow[0]).toBe("[+] Building 1.3s (8/8) FINISHED docker:");
    // 40 columns leave 29 for the name: the timer, its space and the line's last column take the rest.
    expect(narrow[3]).toBe(" => [internal] load metadata for   0.5s");
    expect(narrow.every((line) => line.length <= 40)).toBe(true);
    expect(visible(tty.frame(20, 30, true)).filter((line) => line.trim() !== "")).toEqual(["[+] Building 1.3s (8"]);
  });

  it("keeps to the terminal's height while building: finished lines scroll away, running steps stay", () => {
    const { tty, feed, clock } = display();
    const steps = appBuild();
    // Another step, started early and still going, among the lines that scroll away.
    steps.splice(3, 0, { at: 12, progress: vertex({ digest: 9, name: "[other 1/1] RUN sleep 60", started: 12 }) });
    feed(steps, 882);
    clock.now = 950;
    const lines = visible(tty.frame(80, 8, false));
    expect(lines.map((line) => line.replace(/ +[0-9.]+s$/, ""))).toEqual([
      "[+] Building 0.9s (6/8)                                          docker:default",
      " => [other 1/1] RUN sleep 60",
      " => CACHED [1/3] FROM docker.io/library/busybox:latest",
      " => [internal] load build context",
      " => => transferring context: 61B",
      " => [2/3] COPY app.sh /app.sh",
      " => [3/3] RUN ./app.sh",
      "",
    ]);
    expect(visible(tty.frame(80, 8, true))).toHaveLength(13);
  });

  it("shows output only while the step runs and there is room, its last rows as a terminal would", () => {
    const { tty, feed, clock } = display();
    const run = { digest: 1, name: "[2/2] RUN ./long", started: 0 };
    const output = `${Array.from({ length: 8 }, (_, i) => `row ${i}`).join("\n")}\n\x1b[1m${"x".repeat(75)}\x1b[0m\rover`;
    feed([
      { at: 0, progress: vertex(run) },
      { at: 10, progress: log(1, output, 10) },
    ]);
    clock.now = 20;
    expect(visible(tty.frame(80, 24, false)).map((line) => line.trimEnd())).toEqual([
      "[+] Building 0.0s (0/1)                                          docker:default",
      " => [2/2] RUN ./long                                                       0.0s",
      " => => # row 4",
      " => => # row 5",
      " => => # row 6",
      " => => # row 7",
      // 75 characters wrap at 70; the carriage return goes back to the start of the second row.
      ` => => # ${"x".repeat(70)}`,
      " => => # overx",
      "",
    ]);
    // Ten rows leave no room for six more: the output goes (its rows blanked), the step stays.
    const short = visible(tty.frame(80, 10, false));
    expect(short.filter((line) => line.trim() !== "")).toHaveLength(2);
    expect(short.some((line) => line.includes("# row"))).toBe(false);
    feed([{ at: 30, progress: vertex({ ...run, completed: 30 }) }]);
    expect(visible(tty.frame(80, 24, true)).some((line) => line.includes("# row"))).toBe(false);
  });

  it("is followed, after a failure, by the failed step's whole output", () => {
    const { trace, feed } = display();
    feed(appBuild(true));
    expect(failedSteps(trace)).toBe("------\n > [3/3] RUN ./app.sh:\n0.281 hello from app\n------\n");
  });
});
