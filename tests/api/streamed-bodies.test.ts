// Request bodies as streams over the two real transports a daemon serves, with a test route on
// the router (no endpoint takes a large body yet): a Node UNIX socket, and the worker's
// messages between the page and the engine. A handler that reads slowly holds the client back,
// and a body past the limit is refused with its 413 through the router. No VM.
import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOLD_AT, serveConnection } from "../../src/engine/api/http/server";
import { MessageConnections } from "../../src/engine/api/message-connections";
import type { Route } from "../../src/engine/api/route";
import { createRouter } from "../../src/engine/api/router";
import { socketStream } from "../../src/node/socket-stream";
import { Emitter } from "../../src/shared/disposable";
import { API_WINDOW, type FromEngine, type ToEngine } from "../../src/shared/worker-protocol";
import { openWorkerApiSocket } from "../../src/ui/worker-api-socket";

const MiB = 1024 * 1024;
const decoder = new TextDecoder();
const encoder = new TextEncoder();
const later = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Body bytes the test route has read, across requests. */
let read = 0;
const routes: Route[] = [
  {
    method: "POST",
    path: "/test/upload",
    // A slow consumer: each piece is "stored" a macrotask later.
    handle: async ({ request }) => {
      let length = 0;
      for await (const bytes of request.body) {
        length += bytes.length;
        read += bytes.length;
        await later();
      }
      return { status: 200, body: `stored ${length}` };
    },
  },
];
const handle = createRouter(routes, "Drydock-test");

describe("over a Node UNIX socket", () => {
  let dir: string;
  let server: Server;
  const path = () => join(dir, "api.sock");
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "drydock-streams-"));
    server = createServer({ allowHalfOpen: true }, (socket) => void serveConnection(socketStream(socket), handle));
    await new Promise<void>((resolve) => server.listen(path(), resolve));
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = () => new Promise<Socket>((resolve) => { const socket = connect(path(), () => resolve(socket)); });
  const answer = (socket: Socket, done: (text: string) => boolean) =>
    new Promise<string>((resolve) => {
      let text = "";
      socket.on("data", (chunk: Buffer) => {
        text += chunk.toString("latin1");
        if (done(text)) resolve(text);
      });
      socket.on("close", () => resolve(text));
    });

  it("pauses the socket while the handler is behind: what the client got into the socket and the handler has not read stays bounded", async () => {
    const total = 16 * MiB;
    const socket = await open();
    const answered = answer(socket, (text) => text.includes(`stored ${total}`));
    read = 0;
    let written = 0;
    let ahead = 0;
    const write = (bytes: Uint8Array) => new Promise<void>((resolve) => socket.write(bytes, () => resolve()));
    await write(encoder.encode(`POST /test/upload HTTP/1.1\r\nHost: test\r\nContent-Length: ${total}\r\n\r\n`));
    for (const piece = new Uint8Array(64 * 1024); written < total; ) {
      await write(piece);
      written += piece.length;
      ahead = Math.max(ahead, written - read);
    }
    expect(await answered).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*\r\n\r\nstored 16777216$/);
    socket.destroy();
    // The kernel's socket buffers hold some (a few hundred KiB); the server no more than HOLD_AT and a read's worth.
    expect(ahead).toBeLessThan(2 * MiB);
  });

  it("answers a chunk past the limit with 413 and Docker's (Go's) words through the router, and closes", async () => {
    const socket = await open();
    const answered = answer(socket, () => false);
    socket.write("POST /test/upload HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n");
    await later();
    socket.write("40000000\r\n");
    const text = await answered;
    expect(text).toMatch(/^HTTP\/1\.1 413 Request Entity Too Large\r\n[^]*Connection: close\r\n[^]*\r\n\r\n\{"message":"http: request body too large \(the limit is 1024 MiB\)"\}\n$/);
  });
});

describe("over the worker's messages", () => {
  /** A connection from the page to a worker's MessageConnections (postMessage clones and delivers later: so does this). */
  function pageConnection() {
    const toPage = new Emitter<FromEngine>();
    const connections = new MessageConnections((message) => queueMicrotask(() => toPage.emit(structuredClone(message))), handle);
    const state = { posted: 0, ahead: 0, text: "", ended: false };
    const connection = openWorkerApiSocket({
      on: (listener) => toPage.on(listener),
      send: (message: ToEngine) => {
        if (message.type === "api-data") {
          state.posted += message.data.length;
          state.ahead = Math.max(state.ahead, state.posted - read);
        }
        queueMicrotask(() => connections.receive(structuredClone(message) as Parameters<MessageConnections["receive"]>[0]));
      },
    });
    connection.onData((bytes) => {
      state.text += decoder.decode(bytes);
    });
    connection.onEnd(() => (state.ended = true));
    return { connection, state };
  }

  it("sends within the worker's credit: what the page posted and the handler has not read stays bounded", async () => {
    const { connection, state } = pageConnection();
    const total = 8 * MiB;
    read = 0;
    const head = encoder.encode(`POST /test/upload HTTP/1.1\r\nHost: test\r\nContent-Length: ${total}\r\n\r\n`);
    await connection.write(head);
    for (let sent = 0; sent < total; sent += MiB) await connection.write(new Uint8Array(MiB));
    while (!state.text.includes("stored")) await later();
    expect(state.text).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*\r\n\r\nstored 8388608$/);
    expect(state.posted).toBe(head.length + total);
    expect(state.ahead).toBeLessThanOrEqual(API_WINDOW + HOLD_AT + head.length);
  });

  it("ends the page's upload when the engine refuses it half-way: 413, and every write of the page resolves", async () => {
    const { connection, state } = pageConnection();
    await connection.write(encoder.encode("POST /test/upload HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n40000000\r\n"));
    const writes = Array.from({ length: 8 }, () => connection.write(new Uint8Array(MiB)));
    while (!state.ended) await later();
    await Promise.all([...writes, connection.write(new Uint8Array(MiB))]);
    expect(state.text).toMatch(/^HTTP\/1\.1 413 Request Entity Too Large\r\n[^]*\r\n\r\n\{"message":"http: request body too large \(the limit is 1024 MiB\)"\}\n$/);
  });
});
