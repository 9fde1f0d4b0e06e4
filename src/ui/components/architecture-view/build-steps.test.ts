import { describe, expect, it } from "vitest";
import { BuildSteps } from "./build-steps";
import { ResponseBody } from "../../http/response-body";

const encoder = new TextEncoder();

/** POST /build's response as the tap sees it: the daemon's head, then one chunk a message. */
function response(messages: object[]): Uint8Array {
  const head = "HTTP/1.1 200 OK\r\nApi-Version: 1.47\r\nContent-Type: application/json\r\nOstype: linux\r\nServer: Docker/27.5.1 (linux)\r\nTransfer-Encoding: chunked\r\n\r\n";
  const chunks = messages.map((message) => {
    const line = `${JSON.stringify(message)}\r\n`;
    return `${encoder.encode(line).length.toString(16)}\r\n${line}\r\n`;
  });
  return encoder.encode(head + chunks.join("") + "0\r\n\r\n");
}

const progress = (aux: object) => ({ id: "drydock.build", aux });
const vertex = (digest: number, name: string, fields: object) => progress({ vertexes: [{ digest, name, ...fields }] });

const RUN = "[2/3] RUN echo hé > /hi.txt";

// A build of FROM busybox, RUN, COPY, CMD as the daemon streams it (its ids and times recorded,
// the pull's progress cut), then the same build again, its steps from the cache.
const FIRST = [
  vertex(1, "[internal] load build definition from Dockerfile", { started: 0 }),
  progress({ statuses: [{ vertex: 1, id: "1.1", name: "transferring dockerfile: 84B", started: 1, completed: 1 }] }),
  vertex(1, "[internal] load build definition from Dockerfile", { started: 0, completed: 2 }),
  vertex(2, "[internal] load build context", { started: 2 }),
  vertex(2, "[internal] load build context", { started: 2, completed: 5 }),
  { stream: "Step 1/4 : FROM busybox\n" },
  vertex(3, "[internal] load metadata for docker.io/library/busybox:latest", { started: 5 }),
  { status: "Pulling from library/busybox", id: "latest" },
  vertex(3, "[internal] load metadata for docker.io/library/busybox:latest", { started: 5, completed: 1180 }),
  vertex(4, "[1/3] FROM docker.io/library/busybox:latest", { started: 1180, source: { file: "Dockerfile", line: 1, endLine: 1 } }),
  vertex(4, "[1/3] FROM docker.io/library/busybox:latest", { started: 1180, source: { file: "Dockerfile", line: 1, endLine: 1 }, completed: 1181 }),
  { stream: " ---> 1d5f6277a956\n" },
  { stream: "Step 2/4 : RUN echo hé > /hi.txt\n" },
  vertex(5, RUN, { started: 1181, source: { file: "Dockerfile", line: 2, endLine: 2 } }),
  { stream: " ---> Running in c6e445ced5df\n" },
  progress({ logs: [{ vertex: 5, stream: 1, data: "aGkK", timestamp: 1400 }] }),
  vertex(5, RUN, { started: 1181, source: { file: "Dockerfile", line: 2, endLine: 2 }, completed: 1502, size: 1536 }),
  { stream: " ---> 0231294e45b5\n" },
  { stream: "Step 3/4 : COPY hello.txt /hello.txt\n" },
  vertex(6, "[3/3] COPY hello.txt /hello.txt", { started: 1502, source: { file: "Dockerfile", line: 3, endLine: 3 } }),
  vertex(6, "[3/3] COPY hello.txt /hello.txt", { started: 1502, source: { file: "Dockerfile", line: 3, endLine: 3 }, completed: 1561, size: 2048 }),
  { stream: "Step 4/4 : CMD [\"sh\"]\n" },
  vertex(7, "exporting to image", { started: 1570 }),
  progress({ statuses: [{ vertex: 7, id: "7.1", name: "naming to docker.io/library/app:latest", started: 1571, completed: 1571 }] }),
  vertex(7, "exporting to image", { started: 1570, completed: 1573 }),
  { aux: { ID: "sha256:54f1e8f23940632cd18884b36e946a208c45556ad1785fcc9645cbcfac34cef2" } },
  { stream: "Successfully built 54f1e8f23940\n" },
  { stream: "Successfully tagged app:latest\n" },
];

const AGAIN = [
  vertex(5, RUN, { started: 3 }),
  { stream: " ---> Using cache\n" },
  vertex(5, RUN, { started: 3, completed: 4, cached: true, size: 1536 }),
  vertex(6, "[3/3] COPY hello.txt /hello.txt", { started: 4 }),
  vertex(6, "[3/3] COPY hello.txt /hello.txt", { started: 4, completed: 5, cached: true, size: 2048 }),
];

const rows = (steps: BuildSteps) => steps.steps.map((s) => [s.name, s.result, s.time, s.size]);

describe("a build's steps, from its response", () => {
  it("lists each vertex with CACHED or run, its time and the size of the layer it made", () => {
    const steps = new BuildSteps();
    expect(steps.push(response(FIRST))).toBe(true);
    expect(rows(steps)).toEqual([
      ["[internal] load build definition from Dockerfile", "ran", "0.0s", ""],
      ["[internal] load build context", "ran", "0.0s", ""],
      ["[internal] load metadata for docker.io/library/busybox:latest", "ran", "1.2s", ""],
      ["[1/3] FROM docker.io/library/busybox:latest", "ran", "0.0s", ""],
      [RUN, "ran", "0.3s", "1.54kB"],
      ["[3/3] COPY hello.txt /hello.txt", "ran", "0.1s", "2.05kB"],
      ["exporting to image", "ran", "0.0s", ""],
    ]);
    const again = new BuildSteps();
    again.push(response(AGAIN));
    expect(rows(again)).toEqual([
      [RUN, "CACHED", "0.0s", "1.54kB"],
      ["[3/3] COPY hello.txt /hello.txt", "CACHED", "0.0s", "2.05kB"],
    ]);
  });

  it("shows a build in progress as its bytes come, however they are split", () => {
    const bytes = response(FIRST);
    const text = new TextDecoder().decode(bytes);
    const runEnds = encoder.encode(text.slice(0, text.indexOf('"completed":1502'))).length;
    const steps = new BuildSteps();
    // Seven bytes at a time: heads, chunk sizes, lines and UTF-8 cut anywhere.
    for (let i = 0; i < runEnds; i += 7) steps.push(bytes.subarray(i, Math.min(i + 7, runEnds)));
    expect(rows(steps).at(-1)).toEqual([RUN, "running", "", ""]);
    expect(steps.push(bytes.subarray(runEnds))).toBe(true);
    expect(rows(steps)).toHaveLength(7);
    expect(rows(steps)[4]).toEqual([RUN, "ran", "0.3s", "1.54kB"]);
  });

  it("says which step failed and why", () => {
    const steps = new BuildSteps();
    steps.push(response([vertex(5, "[2/2] RUN false", { started: 10 }), vertex(5, "[2/2] RUN false", { started: 10, completed: 260, error: 'process "/bin/sh -c false" did not complete successfully: exit code: 1' }), { errorDetail: { code: 1, message: "The command '/bin/sh -c false' returned a non-zero code: 1" }, error: "The command '/bin/sh -c false' returned a non-zero code: 1" }]));
    expect(steps.steps).toEqual([{ digest: 5, name: "[2/2] RUN false", result: "failed", time: "0.3s", size: "", error: 'process "/bin/sh -c false" did not complete successfully: exit code: 1' }]);
  });

  it("finds none in a refusal, a body with a length", () => {
    const steps = new BuildSteps();
    expect(steps.push(encoder.encode('HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 52\r\n\r\n{"message":"Cannot locate specified Dockerfile: x"}\n'))).toBe(false);
    expect(steps.steps).toEqual([]);
  });
});

describe("an HTTP response's body as it streams", () => {
  const text = (parts: Uint8Array[]) => parts.map((p) => new TextDecoder().decode(p)).join("");

  it("undoes chunked encoding (extensions and trailers included) and stops at its end", () => {
    const body = new ResponseBody();
    const bytes = encoder.encode("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: 1\r\n\r\nnext response");
    expect(text([...bytes].flatMap((byte) => body.push(new Uint8Array([byte]))))).toBe("abcde");
  });

  it("passes a body with a length through as it is", () => {
    const body = new ResponseBody();
    expect(text(body.push(encoder.encode("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n")))).toBe("");
    expect(text(body.push(encoder.encode("\r\nhello")))).toBe("hello");
  });
});
