// A published port's connection over the worker's messages, as the page's preview opens one:
// the page's end (ui/worker-api-socket.ts) against the worker's (MessageConnections), the
// container a fake RuntimeConnection.
import { describe, expect, it } from "vitest";
import { Emitter } from "../../shared/disposable";
import { DrydockError } from "../../shared/errors";
import { PORT_WINDOW, type FromEngine, type ToEngine } from "../../shared/worker-protocol";
import { openWorkerPortSocket } from "../../ui/worker-api-socket";
import type { RuntimeConnection } from "../runtime/runtime";
import { MessageConnections } from "./message-connections";
import type { ApiTap } from "./tap/api-tap";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const later = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A container that records what it is sent and answers when told, held back by the engine's reading. */
function container() {
  let listener: (bytes: Uint8Array) => void | Promise<void> = () => undefined;
  let close = () => undefined as void;
  const closed = new Promise<void>((resolve) => (close = resolve));
  const state = { received: "", ended: false };
  const connection: RuntimeConnection = {
    onData: (l) => ((listener = l), { dispose: () => undefined }),
    write: async (bytes) => void (state.received += decoder.decode(bytes)),
    end: () => void (state.ended = true),
    closed: () => closed,
  };
  return { connection, state, answer: (text: string) => void listener(encoder.encode(text)), send: async (bytes: Uint8Array) => listener(bytes), close };
}

/** The page's messages to the worker and back, cloned and delivered later as postMessage does. */
function engine(dialPort: (port: number) => Promise<RuntimeConnection>, tap?: ApiTap) {
  const toPage = new Emitter<FromEngine>();
  const connections = new MessageConnections((message) => queueMicrotask(() => toPage.emit(structuredClone(message))), () => Promise.reject(new Error("no API here")), tap, dialPort);
  return {
    on: (listener: (message: FromEngine) => void) => toPage.on(listener),
    send: (message: ToEngine) => queueMicrotask(() => connections.receive(structuredClone(message) as Parameters<MessageConnections["receive"]>[0])),
  };
}

describe("a published port's connection over the worker's messages", () => {
  it("carries the page's bytes to the container and its answer back, each end passed on", async () => {
    const site = container();
    const dialled: number[] = [];
    const exchanges: object[] = [];
    const socket = await openWorkerPortSocket(
      engine(
        async (port) => (dialled.push(port), site.connection),
        { onExchange: (exchange) => exchanges.push(exchange.summary()) },
      ),
      8080,
    );
    let answer = "";
    let ended = false;
    socket.onData((bytes) => void (answer += decoder.decode(bytes)));
    socket.onEnd(() => (ended = true));
    await socket.write(encoder.encode("GET / HTTP/1.1\r\n\r\n"));
    await later();
    expect(dialled).toEqual([8080]);
    expect(site.state.received).toBe("GET / HTTP/1.1\r\n\r\n");
    site.answer("HTTP/1.1 200 OK\r\n\r\nhello");
    site.close();
    await later();
    await later();
    expect(answer).toBe("HTTP/1.1 200 OK\r\n\r\nhello");
    expect(ended).toBe(true);
    // Tapped for the architecture view: the page's request to the container, as it went.
    expect(exchanges.at(-1)).toMatchObject({ client: "this page", server: "container", method: "GET", path: "/", status: 200, state: "done" });
  });

  it("sends the page no more than its window while the page's reader is behind", async () => {
    const site = container();
    const socket = await openWorkerPortSocket(
      engine(async () => site.connection),
      8080,
    );
    let received = 0;
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    socket.onData((bytes) => {
      received += bytes.length;
      return held;
    });
    let sent = 0;
    const sending = (async () => {
      for (; sent < 4 * PORT_WINDOW; sent += 64 * 1024) await site.send(new Uint8Array(64 * 1024));
    })();
    for (let i = 0; i < 20; i++) await later();
    // The page's listener holds the first piece: the rest waits in the worker, the container behind it.
    expect(received).toBe(64 * 1024);
    expect(sent).toBeLessThan(2 * PORT_WINDOW);
    release();
    await sending;
    for (let i = 0; i < 5; i++) await later();
    expect(received).toBe(4 * PORT_WINDOW);
  });

  it("fails with the engine's error kind when nothing publishes the port", async () => {
    const refused = openWorkerPortSocket(
      engine(() => Promise.reject(new DrydockError("NotFound", "no container publishes port 9090"))),
      9090,
    );
    await expect(refused).rejects.toMatchObject({ kind: "NotFound", message: "no container publishes port 9090" });
  });
});
