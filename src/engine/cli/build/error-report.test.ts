// What BuildKit prints under a failed build: the failed steps' output, and the Dockerfile's
// lines around the failing ones (errdefs' Source.Print, its odd count of context lines kept).
import { describe, expect, it } from "vitest";
import { log, vertex } from "../../../../tests/support/build-progress";
import { BuildTrace } from "./build-trace";
import { failedSteps, sourceSnippet } from "./error-report";

const DOCKERFILE = ["FROM alpine", "WORKDIR /app", "RUN apk add --no-cache \\", "    curl \\", "    git", "COPY . .", "RUN make", "CMD [\"./app\"]", ""].join("\n");

describe("the Dockerfile snippet", () => {
  it("marks a one-line step with up to four lines around it", () => {
    expect(sourceSnippet({ file: "Dockerfile", line: 7, endLine: 7 }, DOCKERFILE)).toBe(`Dockerfile:7
--------------------
   5 |         git
   6 |     COPY . .
   7 | >>> RUN make
   8 |     CMD ["./app"]
   9 |     
--------------------
`);
  });

  it("marks every line of a step continued over several, with fewer around it", () => {
    expect(sourceSnippet({ file: "app.Dockerfile", line: 3, endLine: 5 }, DOCKERFILE)).toBe(`app.Dockerfile:3
--------------------
   2 |     WORKDIR /app
   3 | >>> RUN apk add --no-cache \\
   4 | >>>     curl \\
   5 | >>>     git
   6 |     COPY . .
--------------------
`);
  });

  it("stops at the file's ends", () => {
    expect(sourceSnippet({ file: "Dockerfile", line: 1, endLine: 1 }, "FROM nope\nRUN x\n")).toBe(`Dockerfile:1
--------------------
   1 | >>> FROM nope
   2 |     RUN x
   3 |     
--------------------
`);
    expect(sourceSnippet({ file: "Dockerfile", line: 2, endLine: 9 }, "FROM a\nRUN b")).toBe(`Dockerfile:2
--------------------
   1 |     FROM a
   2 | >>> RUN b
--------------------
`);
  });

  it("is nothing when the lines are not in the text the CLI has", () => {
    expect(sourceSnippet({ file: "Dockerfile", line: 12, endLine: 12 }, DOCKERFILE)).toBe("");
    expect(sourceSnippet({ file: "Dockerfile", line: 0, endLine: 0 }, DOCKERFILE)).toBe("");
  });
});

describe("the failed steps' output", () => {
  it("lists each failed step in the order they started, not those canceled, nothing when none failed", () => {
    const trace = new BuildTrace(() => 0);
    trace.update(vertex({ digest: 1, name: "[a 2/2] RUN ./a", started: 0 }));
    trace.update(vertex({ digest: 2, name: "[b 2/2] RUN ./b", started: 1 }));
    trace.update(log(2, "b says\nno\n", 5));
    expect(failedSteps(trace)).toBe("");
    trace.update(vertex({ digest: 2, name: "[b 2/2] RUN ./b", completed: 6, error: "exit code: 1" }));
    trace.update(vertex({ digest: 1, name: "[a 2/2] RUN ./a", completed: 7, error: "context canceled" }));
    expect(failedSteps(trace)).toBe("------\n > [b 2/2] RUN ./b:\n0.004 b says\n0.004 no\n------\n");
    expect(failedSteps(trace, 1)).toBe("------\n > [b 2/2] RUN ./b:\n0.004 no\n------\n");
  });
});
