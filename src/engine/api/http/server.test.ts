import { describe, expect, it } from "vitest";
import { bytePipe } from "../../../shared/byte-pipe";
import type { ByteStream } from "../../../shared/byte-stream";
import type { Handler, ServerRequest } from "./server";
import { serveConnection } from "./server";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A client end of a connection served by `handle`, with everything it receives and whether the server ended. */
function connect(handle: Handler) {
  const [client, server] = bytePipe();
  serveConnection(server, handle);
  const state = { text: "", ended: false };
  const waiters: (() => void)[] = [];
  const changed = () => waiters.splice(0).forEach((wake) => wake());
  client.onData((bytes) => {
    state.text += decoder.decode(bytes);
    changed();
  });
  client.onEnd(() => {
    state.ended = true;
    changed();
  });
  return {
    client,
    state,
    send: (text: string | Uint8Array) => client.write(typeof text === "string" ? encoder.encode(text) : text),
    /** Resolves once what has come satisfies `done`. */
    until: (done: () => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => (done() ? resolve() : waiters.push(check));
        check();
      }),
  };
}

const ping: Handler = async (request) => (request.path === "/_ping" ? { status: 200, headers: { "Api-Version": "1.47" }, body: "OK" } : { status: 200, body: `${request.method} ${request.path} ${request.body.length}` });
const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("serveConnection", () => {
  it("ends a connection whose writes fail (its far end is gone) without an unhandled rejection", async () => {
    let listener: (bytes: Uint8Array) => void = () => undefined;
    let ends = 0;
    const gone: ByteStream = {
      onData: (l) => ((listener = l), { dispose: () => undefined }),
      onEnd: () => ({ dispose: () => undefined }),
      write: () => Promise.reject(new Error("the guest's agent restarted")),
      end: () => void ends++,
    };
    serveConnection(gone, ping);
    listener(encoder.encode("GET /_ping HTTP/1.1\r\n\r\n"));
    await macrotask();
    expect(ends).toBe(1);
  });

  it("answers a request whose lines end in LF alone", async () => {
    const c = connect(ping);
    await c.send("GET /_ping HTTP/1.1\nHost: docker\n\n");
    await c.until(() => c.state.text.endsWith("OK"));
    expect(c.state.text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });

  it("answers a chunk size of 2x with a 400 and closes the connection", async () => {
    const c = connect(ping);
    await c.send("POST /build HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2x\r\nab\r\n0\r\n\r\n");
    await c.until(() => c.state.ended);
    expect(c.state.text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(c.state.text).toContain("\r\nConnection: close\r\n");
    expect(c.state.text.endsWith('\r\n\r\n{"message":"invalid byte in chunk length"}\n')).toBe(true);
  });

  it("refuses a chunk size of FFFFFFFFFF before its data, closes, and never hands the rest to a handler", async () => {
    const seen: ServerRequest[] = [];
    const c = connect(async (request) => (seen.push(request), { status: 200 }));
    await c.send("POST /images/load HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFF\r\n");
    await c.until(() => c.state.ended);
    expect(c.state.text).toMatch(/^HTTP\/1\.1 413 Request Entity Too Large\r\n[^]*\r\n\r\n\{"message":"http: request body too large \(the limit is 64 MiB\)"\}\n$/);
    for (let i = 0; i < 16; i++) await c.send(new Uint8Array(64 * 1024));
    await c.send("GET /_ping HTTP/1.1\r\n\r\n");
    await macrotask();
    expect(seen).toEqual([]);
  });

  it("refuses a Content-Length over the limit as soon as the head has come", async () => {
    const c = connect(ping);
    await c.send(`PUT /containers/x/archive HTTP/1.1\r\nContent-Length: ${64 * 1024 * 1024 + 1}\r\n\r\n`);
    await c.until(() => c.state.ended);
    expect(c.state.text).toMatch(/^HTTP\/1\.1 413 Request Entity Too Large\r\n/);
  });

  it("answers a head it cannot read with Go's own bytes", async () => {
    const answers: Record<string, string> = {
      "GET / HTTP/1.1\r\nHost : x\r\n\r\n": "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request",
      "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n": "HTTP/1.1 501 Not Implemented\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\nUnsupported transfer encoding",
      [`GET / HTTP/1.1\r\nX: ${"a".repeat(70_000)}`]: "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n431 Request Header Fields Too Large",
      "GET / HTTP/2.0\r\n\r\n": "HTTP/1.1 400 Bad Request: unsupported protocol version\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request: unsupported protocol version",
    };
    for (const [request, answer] of Object.entries(answers)) {
      const c = connect(ping);
      await c.send(request);
      await c.until(() => c.state.ended);
      expect(c.state.text).toBe(answer);
    }
  });

  it("answers a request the client cut short with a 400 once it ends its side", async () => {
    const c = connect(ping);
    await c.send("GET /_ping HTTP/1.1\r\nHost: x\r\n");
    c.client.end();
    await c.until(() => c.state.ended);
    expect(c.state.text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  });

  it("answers pipelined requests in order, and keeps the connection for the next", async () => {
    const c = connect(ping);
    await c.send("GET /_ping HTTP/1.1\r\n\r\nPOST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcPOST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nz\r\n0\r\n\r\n");
    await c.until(() => c.state.text.endsWith("POST /b 1"));
    expect(c.state.text.match(/\r\n\r\n[^H]+/g)).toEqual(["\r\n\r\nOK", "\r\n\r\nPOST /a 3", "\r\n\r\nPOST /b 1"]);
    await c.send("GET /c HTTP/1.1\r\n\r\n");
    await c.until(() => c.state.text.endsWith("GET /c 0"));
    expect(c.state.ended).toBe(false);
  });

  it("answers HEAD with the length a GET's body would have, and no body", async () => {
    const c = connect(ping);
    await c.send("HEAD /_ping HTTP/1.1\r\n\r\nGET /_ping HTTP/1.1\r\n\r\n");
    await c.until(() => c.state.text.endsWith("OK"));
    const [head, get] = c.state.text.split(/(?=HTTP\/1\.1 )/);
    expect(head).toMatch(/Content-Length: 2\r\n\r\n$/);
    expect(get).toMatch(/\r\n\r\nOK$/);
  });

  it("hands a hijack the bytes the client sent after its head, unread", async () => {
    let early = "";
    const c = connect(async () => ({
      hijack: async (stream: ByteStream, bytes: Uint8Array) => {
        early = decoder.decode(bytes);
        await stream.write(encoder.encode("attached"));
      },
    }));
    await c.send("POST /containers/x/attach?stream=1&stdin=1 HTTP/1.1\r\nUpgrade: tcp\r\nConnection: Upgrade\r\n\r\nGET / HTTP/1.1\r\n\r\necho hi\n");
    await c.until(() => c.state.text.endsWith("attached"));
    expect(c.state.text).toMatch(/^HTTP\/1\.1 101 UPGRADED\r\n/);
    expect(early).toBe("GET / HTTP/1.1\r\n\r\necho hi\n");
  });

  it("answers another connection's _ping while a slow giant upload is still coming", async () => {
    const upload = connect(ping);
    const other = connect(ping);
    const pieces = 256;
    let sent = 0;
    await upload.send(`POST /images/load HTTP/1.1\r\nContent-Length: ${pieces * 64 * 1024}\r\n\r\n`);
    const uploading = (async () => {
      for (; sent < pieces; sent++) {
        await upload.send(new Uint8Array(64 * 1024));
        await macrotask();
      }
    })();
    while (sent < 8) await macrotask();
    await other.send("GET /_ping HTTP/1.1\r\n\r\n");
    await other.until(() => other.state.text.endsWith("OK"));
    expect(sent).toBeLessThan(pieces);
    expect(upload.state.text).toBe("");
    await uploading;
    await upload.until(() => upload.state.text.endsWith(`POST /images/load ${pieces * 64 * 1024}`));
  });
});
