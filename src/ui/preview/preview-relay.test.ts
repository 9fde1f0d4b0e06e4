import { describe, expect, it } from "vitest";
import { bytePipe } from "../../shared/byte-pipe";
import type { ByteStream } from "../../shared/byte-stream";
import { DrydockError } from "../../shared/errors";
import type { PreviewControl, PreviewReply, PreviewRequest } from "../../shared/preview-protocol";
import { PREVIEW_WINDOW, relayPreview, type ReplyPort } from "./preview-relay";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const APP = "http://127.0.0.1:5173/";

function request(fields: Partial<PreviewRequest> = {}): PreviewRequest {
  return { type: "preview-request", port: 8080, method: "GET", target: "/", headers: [], body: null, ...fields };
}

/** The replies posted, a promise of the last one (an end or a failure), and the service worker's word back. */
function replies(): ReplyPort & { posted: PreviewReply[]; done: Promise<void>; control(message: PreviewControl): void } {
  const posted: PreviewReply[] = [];
  let control: (message: PreviewControl) => void = () => undefined;
  let settle = () => undefined as void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  return {
    posted,
    done,
    post: (reply) => {
      posted.push(reply);
      if (reply.type === "end" || reply.type === "failure") settle();
    },
    onControl: (listener) => (control = listener),
    control: (message) => control(message),
  };
}

/** A container's end of the connection: what it was sent, and a way to answer. */
function container(): { connect: (port: number) => Promise<ByteStream>; received: () => string; ended: () => boolean; answer(...parts: string[]): Promise<void> } {
  const [page, server] = bytePipe();
  let received = "";
  let ended = false;
  server.onData((bytes) => void (received += decoder.decode(bytes)));
  server.onEnd(() => (ended = true));
  return {
    connect: () => Promise.resolve(page),
    received: () => received,
    ended: () => ended,
    async answer(...parts) {
      for (const part of parts) await server.write(encoder.encode(part));
      server.end();
    },
  };
}

const body = (posted: PreviewReply[]) => posted.flatMap((r) => (r.type === "data" ? [decoder.decode(r.bytes)] : [])).join("");

describe("relayPreview", () => {
  it("sends the request with its body and posts a chunked response's head and body as they come", async () => {
    const server = container();
    const reply = replies();
    await relayPreview(request({ method: "POST", target: "/cgi-bin/echo", headers: [["Content-Type", "text/plain"]], body: new Blob(["hello"]) }), reply, server.connect, APP);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(server.received()).toBe("POST /cgi-bin/echo HTTP/1.1\r\nHost: localhost:8080\r\nContent-Type: text/plain\r\nAccept-Encoding: identity\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
    await server.answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n", "5\r\nhel", "lo\r\n", "0\r\n\r\n");
    await reply.done;
    expect(reply.posted[0]).toEqual({ type: "head", status: 200, statusText: "OK", headers: [["Content-Type", "text/plain"]] });
    expect(body(reply.posted)).toBe("hello");
    expect(reply.posted.at(-1)).toEqual({ type: "end" });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(server.ended()).toBe(true);
  });

  it("passes a body that runs to the connection's end, with a redirect kept in the preview", async () => {
    const server = container();
    const reply = replies();
    await relayPreview(request(), reply, server.connect, APP);
    await server.answer("HTTP/1.0 301 Moved Permanently\r\nLocation: /docs/\r\n\r\n", "moved");
    await reply.done;
    expect(reply.posted[0]).toEqual({ type: "head", status: 301, statusText: "Moved Permanently", headers: [["Location", "http://127.0.0.1:5173/preview/8080/docs/"]] });
    expect(body(reply.posted)).toBe("moved");
  });

  it("answers 502 when nothing publishes the port", async () => {
    const reply = replies();
    await relayPreview(request({ port: 9090 }), reply, () => Promise.reject(new DrydockError("NotFound", "no container publishes port 9090")), APP);
    expect(reply.posted).toEqual([{ type: "failure", status: 502, message: expect.stringContaining("Nothing is published on port 9090") }]);
  });

  it("answers 502 when the container closes without a response, or answers with something else", async () => {
    const silent = container();
    const closed = replies();
    await relayPreview(request(), closed, silent.connect, APP);
    await silent.answer();
    await closed.done;
    expect(closed.posted).toEqual([{ type: "failure", status: 502, message: expect.stringContaining("closed the connection without an answer") }]);

    const other = container();
    const garbled = replies();
    await relayPreview(request(), garbled, other.connect, APP);
    await other.answer("SSH-2.0-OpenSSH\r\n\r\n");
    await garbled.done;
    expect(garbled.posted).toEqual([{ type: "failure", status: 502, message: expect.stringContaining("did not answer with an HTTP response") }]);
  });

  it("holds the container once the reader is a window behind, and goes on as it takes", async () => {
    const [page, server] = bytePipe();
    const reply = replies();
    await relayPreview(request(), reply, () => Promise.resolve(page), APP);
    let taken = 0;
    const posted = () => reply.posted.reduce((n, r) => n + (r.type === "data" ? r.bytes.length : 0), 0);
    let written = 0;
    const writing = (async () => {
      await server.write(encoder.encode("HTTP/1.1 200 OK\r\n\r\n"));
      for (; written < 4 * PREVIEW_WINDOW; written += 64 * 1024) await server.write(new Uint8Array(64 * 1024));
      server.end();
    })();
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    // The window, a piece past it, and what the pipe holds: not the whole body.
    expect(posted()).toBeGreaterThan(PREVIEW_WINDOW);
    expect(posted()).toBeLessThan(2 * PREVIEW_WINDOW);
    expect(written).toBeLessThan(4 * PREVIEW_WINDOW);
    while (reply.posted.at(-1)?.type !== "end") {
      reply.control({ type: "taken", bytes: posted() - taken });
      taken = posted();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await writing;
    expect(posted()).toBe(4 * PREVIEW_WINDOW);
  });

  it("stops passing the body on once the reader went away", async () => {
    const server = container();
    const reply = replies();
    await relayPreview(request(), reply, server.connect, APP);
    reply.control({ type: "cancel" });
    await server.answer("HTTP/1.1 200 OK\r\n\r\n", "more");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reply.posted).toEqual([]);
    expect(server.ended()).toBe(true);
  });
});
