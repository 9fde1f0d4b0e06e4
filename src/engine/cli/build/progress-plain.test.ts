// BuildKit's plain progress (buildx --progress=plain), fed the daemon's BuildProgress messages
// of whole builds: the expected texts are BuildKit's printer's, line for line.
import { describe, expect, it } from "vitest";
import { appBuild, log, status, vertex, type TimedProgress } from "../../../../tests/support/build-progress";
import { BuildTrace } from "./build-trace";
import { failedSteps } from "./error-report";
import { PlainProgress } from "./progress-plain";

/** The printer's text for `steps`, each fed at its time; the last call is the display's close. */
function printed(steps: TimedProgress[], after = 0): string {
  let now = 0;
  // The local clock is ahead of the daemon's: times shown are the daemon's differences.
  const trace = new BuildTrace(() => 50_000 + now);
  const plain = new PlainProgress(trace, 'building with "default" instance using docker driver');
  let out = "";
  for (const step of steps) {
    now = step.at;
    trace.update(step.progress);
    out += plain.print();
  }
  now += after;
  return out + plain.print() + failedSteps(trace, 10);
}

describe("plain progress", () => {
  it("prints a build vertex by vertex: sub-steps, output with its time, DONE, CACHED", () => {
    expect(printed(appBuild())).toBe(`#0 building with "default" instance using docker driver

#1 [internal] load build definition from Dockerfile
#1 transferring dockerfile: 80B done
#1 DONE 0.0s

#2 [internal] load metadata for docker.io/library/busybox:latest
#2 DONE 0.5s

#3 [internal] load .dockerignore
#3 transferring context: 2B done
#3 DONE 0.0s

#4 [1/3] FROM docker.io/library/busybox:latest
#4 CACHED

#5 [internal] load build context
#5 transferring context: 61B done
#5 DONE 0.0s

#6 [2/3] COPY app.sh /app.sh
#6 DONE 0.1s

#7 [3/3] RUN ./app.sh
#7 0.281 hello from app
#7 0.599 done
#7 DONE 0.6s

#8 exporting to image
#8 exporting layers 0.0s done
#8 writing image sha256:4e5f6a7b8c9d done
#8 naming to docker.io/library/app:latest done
#8 DONE 0.1s
`);
  });

  it("prints a failed step's ERROR, then its last output between dashes", () => {
    expect(printed(appBuild(true)).split("#7 [3/3] RUN ./app.sh\n")[1]).toBe(`#7 0.281 hello from app
#7 ERROR: process "/bin/sh -c ./app.sh" did not complete successfully: exit code: 1
------
 > [3/3] RUN ./app.sh:
0.281 hello from app
------
`);
  });

  it("keeps the last ten lines of a failed step's output for the block under the build", () => {
    const lines = Array.from({ length: 12 }, (_, i) => `line ${i + 1}\n`).join("");
    const text = printed([
      { at: 0, progress: vertex({ digest: 1, name: "[2/2] RUN ./noisy", started: 0 }) },
      { at: 100, progress: log(1, lines, 100) },
      { at: 200, progress: vertex({ digest: 1, name: "[2/2] RUN ./noisy", started: 0, completed: 200, error: "exit code: 2" }) },
    ]);
    expect(text.slice(text.indexOf("------"))).toBe(`------
 > [2/2] RUN ./noisy:
${Array.from({ length: 10 }, (_, i) => `0.100 line ${i + 3}`).join("\n")}
------
`);
  });

  it("carries a line that comes in pieces on, and times each line from the step's start", () => {
    const text = printed([
      { at: 0, progress: vertex({ digest: 1, name: "[2/2] RUN ./count", started: 1000 }) },
      { at: 10, progress: log(1, "one ", 1500) },
      { at: 20, progress: log(1, "two\nthree", 12_345) },
      { at: 30, progress: log(1, "\n", 13_000) },
      { at: 40, progress: log(1, "late\n", 200_000) },
      { at: 50, progress: vertex({ digest: 1, name: "[2/2] RUN ./count", started: 1000, completed: 200_100 }) },
    ]);
    expect(text).toBe(`#0 building with "default" instance using docker driver

#1 [2/2] RUN ./count
#1 0.500 one two
#1 11.35 three
#1 199.0 late
#1 DONE 199.1s
`);
  });

  it("gives one step the floor at a time: another's news waits until it is done, or ten seconds", () => {
    const a = (extra: object = {}) => vertex({ digest: 1, name: "[a 2/2] RUN ./a", started: 0, ...extra });
    const b = (extra: object = {}) => vertex({ digest: 2, name: "[b 2/2] RUN ./b", started: 1, ...extra });
    expect(
      printed([
        { at: 0, progress: a() },
        { at: 1, progress: b() },
        { at: 2, progress: log(2, "from b\n", 2) },
        { at: 3, progress: log(1, "from a", 3) },
        { at: 4, progress: a({ completed: 4 }) },
        { at: 5, progress: log(2, "b again\n", 5) },
        { at: 6, progress: b({ completed: 6 }) },
      ]),
    ).toBe(`#0 building with "default" instance using docker driver

#1 [a 2/2] RUN ./a
#1 0.003 from a
#1 DONE 0.0s

#2 [b 2/2] RUN ./b
#2 0.001 from b
#2 0.004 b again
#2 DONE 0.0s
`);
    expect(
      printed([
        { at: 0, progress: a() },
        { at: 1, progress: log(1, "a's half", 1) },
        { at: 2, progress: b() },
        { at: 3, progress: log(2, "from b\n", 3) },
        { at: 11_000, progress: log(2, "still b\n", 11_000) },
      ]).split("\n\n")[1],
    ).toBe(`#1 [a 2/2] RUN ./a
#1 0.001 a's half
#1 ...`);
  });

  it("prints a sub-step still under way at most every five seconds, and when it is done", () => {
    const step = (name: string, at: number, completed?: number): TimedProgress => ({ at, progress: status({ vertex: 1, id: "context", name, started: 0, ...(completed ? { completed } : {}) }) });
    expect(
      printed([
        { at: 0, progress: vertex({ digest: 1, name: "[internal] load build context", started: 0 }) },
        step("transferring context: 1.05MB", 100),
        step("transferring context: 2.10MB", 2000),
        step("transferring context: 5.24MB", 6000),
        step("transferring context: 6.29MB", 6500, 6500),
        { at: 6600, progress: vertex({ digest: 1, name: "[internal] load build context", started: 0, completed: 6600 }) },
      ]),
    ).toBe(`#0 building with "default" instance using docker driver

#1 [internal] load build context
#1 transferring context: 1.05MB
#1 transferring context: 5.24MB
#1 transferring context: 6.29MB 6.5s done
#1 DONE 6.6s
`);
  });

  it("says CANCELED for a step stopped because another failed, without the block", () => {
    const text = printed([
      { at: 0, progress: vertex({ digest: 1, name: "[a 2/2] RUN sleep 9", started: 0 }) },
      { at: 5, progress: vertex({ digest: 1, name: "[a 2/2] RUN sleep 9", started: 0, completed: 5, error: "context canceled" }) },
    ]);
    expect(text).toBe(`#0 building with "default" instance using docker driver

#1 [a 2/2] RUN sleep 9
#1 CANCELED
`);
  });
});
