import { describe, expect, it } from "vitest";
import { bytePipe, PIPE_WINDOW } from "../../../shared/byte-pipe";
import type { ByteStream } from "../../../shared/byte-stream";
import type { Handler } from "./server";
import { concatBytes } from "../../../shared/bytes";
import { MAX_BODY } from "./request";
import { DRAIN_AT_MOST, HOLD_AT, serveConnection } from "./server";

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

/** Answers _ping, and any other request with its method, path and how many body bytes it read. */
const ping: Handler = async (request) => {
  if (request.path === "/_ping") return { status: 200, headers: { "Api-Version": "1.47" }, body: "OK" };
  let length = 0;
  for await (const bytes of request.body) length += bytes.length;
  return { status: 200, body: `${request.method} ${request.path} ${length}` };
};
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

  it("refuses a chunk size of FFFFFFFFFF before its data while the handler reads: 413 whatever it answers, closed, nothing after handed on", async () => {
    const seen: string[] = [];
    const c = connect(async (request) => {
      seen.push(request.path);
      return ping(request).catch(() => ({ status: 500, body: "the handler's own answer" }));
    });
    await c.send("POST /images/load HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nFFFFFFFFFF\r\n");
    await c.until(() => c.state.ended);
    expect(c.state.text).toMatch(/^HTTP\/1\.1 413 Request Entity Too Large\r\n[^]*\r\nConnection: close\r\n[^]*\r\n\r\n\{"message":"http: request body too large \(the limit is 1024 MiB\)"\}\n$/);
    for (let i = 0; i < 16; i++) await c.send(new Uint8Array(64 * 1024));
    await c.send("GET /_ping HTTP/1.1\r\n\r\n");
    await macrotask();
    expect(seen).toEqual(["/images/load"]);
  });

  it("reads and drops a body its handler left unread, as Go does, and answers the next request on the connection", async () => {
    const unread: Handler = async (request) => ({ status: 200, body: `left ${request.path}` });
    for (const body of [`Content-Length: 100000\r\n\r\n${"x".repeat(100_000)}`, `Transfer-Encoding: chunked\r\n\r\n${`4000\r\n${"y".repeat(0x4000)}\r\n`.repeat(8)}0\r\n\r\n`]) {
      const c = connect(unread);
      await c.send(`POST /containers/x/start HTTP/1.1\r\n${body}GET /next HTTP/1.1\r\n\r\n`);
      await c.until(() => c.state.text.endsWith("left /next"));
      expect(c.state.text).not.toContain("Connection: close");
      expect(c.state.ended).toBe(false);
    }
  });

  it("closes, saying so, when a handler leaves more than Go drains (256 KiB), or a body that cannot be read; the rest is never read as a request", async () => {
    const seen: string[] = [];
    const unread: Handler = async (request) => (seen.push(request.path), { status: 200, body: "answered" });
    const bodies = [
      `Content-Length: ${DRAIN_AT_MOST + 1}\r\n\r\nGET /smuggled HTTP/1.1\r\n\r\n`,
      `Transfer-Encoding: chunked\r\n\r\n${`10000\r\n${"GET /smuggled HTTP/1.1\r\n\r\n".padEnd(0x10000)}\r\n`.repeat(5)}0\r\n\r\n`,
      "Transfer-Encoding: chunked\r\n\r\n2x\r\nGET /smuggled HTTP/1.1\r\n\r\n",
    ];
    for (const body of bodies) {
      const c = connect(unread);
      await c.send(`POST /load HTTP/1.1\r\n${body}`);
      await c.until(() => c.state.ended);
      expect(c.state.text).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*Connection: close\r\n[^]*\r\n\r\nanswered$/);
    }
    expect(seen).toEqual(["/load", "/load", "/load"]);
  });

  it("takes a body longer than its Content-Length as that many bytes, and the rest as the next request (here malformed: 400, closed)", async () => {
    const c = connect(ping);
    await c.send("POST /short HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello, and more than was said\r\n\r\n");
    await c.until(() => c.state.ended);
    expect(c.state.text).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*\r\n\r\nPOST \/short 5HTTP\/1\.1 400 Bad Request\r\n[^]*\r\n\r\n400 Bad Request$/);
  });

  it("fails the handler's read of a body the client cut short (truncated chunks, or gone mid-body), answers 400 and closes; other connections go on", async () => {
    const committed: string[] = [];
    const reads: unknown[] = [];
    const store: Handler = async (request) => {
      const parts: Uint8Array[] = [];
      try {
        for await (const bytes of request.body) parts.push(bytes);
      } catch (error) {
        reads.push((error as Error).message);
        throw error;
      }
      committed.push(decoder.decode(concatBytes(parts)));
      return { status: 201 };
    };
    for (const cut of ["Transfer-Encoding: chunked\r\n\r\n5\r\nhel", "Content-Length: 10\r\n\r\nhello"]) {
      const c = connect(store);
      await c.send(`PUT /containers/x/archive HTTP/1.1\r\n${cut}`);
      await macrotask();
      c.client.end();
      await c.until(() => c.state.ended);
      expect(c.state.text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n[^]*\r\n\r\n\{"message":"unexpected EOF"\}\n$/);
    }
    expect(reads).toEqual(["unexpected EOF", "unexpected EOF"]);
    expect(committed).toEqual([]);
    const other = connect(store);
    await other.send("PUT /x HTTP/1.1\r\nContent-Length: 2\r\n\r\nok");
    await other.until(() => other.state.text.includes("201 Created"));
    expect(committed).toEqual(["ok"]);
  });

  it("holds back a client whose handler reads slowly: what it has written and the handler has not read stays under a bound", async () => {
    const total = 16 * 1024 * 1024;
    let read = 0;
    const c = connect(async (request) => {
      for await (const bytes of request.body) {
        read += bytes.length;
        await macrotask();
      }
      return { status: 200, body: `read ${read}` };
    });
    await c.send(`POST /upload HTTP/1.1\r\nContent-Length: ${total}\r\n\r\n`);
    let written = 0;
    let ahead = 0;
    for (const piece = new Uint8Array(64 * 1024); written < total; written += piece.length) {
      await c.send(piece);
      ahead = Math.max(ahead, written + piece.length - read);
    }
    await c.until(() => c.state.text.endsWith(`read ${total}`));
    expect(ahead).toBeGreaterThan(HOLD_AT);
    expect(ahead).toBeLessThan(HOLD_AT + 4 * PIPE_WINDOW);
  });

  it("drops, never holds nor serves, what a client sends after the server ended the connection: its writes go through", async () => {
    const seen: string[] = [];
    const c = connect(async (request) => (seen.push(request.path), ping(request)));
    await c.send("GET /_ping HTTP/1.1\r\nConnection: close\r\n\r\n");
    await c.until(() => c.state.ended);
    await c.send(`POST /after HTTP/1.1\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n`);
    for (let i = 0; i < 32; i++) await c.send(new Uint8Array(64 * 1024));
    await macrotask();
    expect(seen).toEqual(["/_ping"]);
    expect(c.state.text).toMatch(/\r\n\r\nOK$/);
  });

  it("holds bytes a client sends ahead while a request is served, and reads them once it is answered", async () => {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const c = connect(async (request) => {
      if (request.path === "/slow") await answered;
      return ping(request);
    });
    await c.send("GET /slow HTTP/1.1\r\n\r\n");
    let written = 0;
    const sending = (async () => {
      const pipelined = encoder.encode(`POST /next HTTP/1.1\r\nContent-Length: ${8 * 1024 * 1024}\r\n\r\n`);
      await c.send(pipelined);
      for (; written < 8 * 1024 * 1024; written += 64 * 1024) await c.send(new Uint8Array(64 * 1024));
    })();
    for (let i = 0; i < 50; i++) await macrotask();
    expect(written).toBeLessThan(HOLD_AT + 4 * PIPE_WINDOW);
    answer();
    await sending;
    await c.until(() => c.state.text.endsWith(`POST /next ${8 * 1024 * 1024}`));
  });

  it("refuses a Content-Length over the limit as soon as the head has come", async () => {
    const c = connect(ping);
    await c.send(`PUT /containers/x/archive HTTP/1.1\r\nContent-Length: ${MAX_BODY + 1}\r\n\r\n`);
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
