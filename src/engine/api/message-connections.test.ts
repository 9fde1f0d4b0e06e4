// A published port's connection over the worker's messages, as the page's preview opens one:
// the page's end (ui/worker-api-socket.ts) against the worker's (MessageConnections), the
// container a fake RuntimeConnection.
import { describe, expect, it } from "vitest";
import { Emitter } from "../../shared/disposable";
import { DrydockError } from "../../shared/errors";
import type { FromEngine, ToEngine } from "../../shared/worker-protocol";
import { openWorkerPortSocket } from "../../ui/worker-api-socket";
import type { RuntimeConnection } from "../runtime/runtime";
import { MessageConnections } from "./message-connections";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const later = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A container that records what it is sent and answers when told. */
function container() {
  const data = new Emitter<Uint8Array>();
  let close = () => undefined as void;
  const closed = new Promise<void>((resolve) => (close = resolve));
  const state = { received: "", ended: false };
  const connection: RuntimeConnection = {
    onData: (listener) => data.on((bytes) => void listener(bytes)),
    write: async (bytes) => void (state.received += decoder.decode(bytes)),
    end: () => void (state.ended = true),
    closed: () => closed,
  };
  return { connection, state, answer: (text: string) => data.emit(encoder.encode(text)), close };
}

/** The page's messages to the worker and back, cloned and delivered later as postMessage does. */
function engine(dialPort: (port: number) => Promise<RuntimeConnection>) {
  const toPage = new Emitter<FromEngine>();
  const connections = new MessageConnections((message) => queueMicrotask(() => toPage.emit(structuredClone(message))), () => Promise.reject(new Error("no API here")), undefined, dialPort);
  return {
    on: (listener: (message: FromEngine) => void) => toPage.on(listener),
    send: (message: ToEngine) => queueMicrotask(() => connections.receive(structuredClone(message) as Parameters<MessageConnections["receive"]>[0])),
  };
}

describe("a published port's connection over the worker's messages", () => {
  it("carries the page's bytes to the container and its answer back, each end passed on", async () => {
    const site = container();
    const dialled: number[] = [];
    const socket = await openWorkerPortSocket(
      engine(async (port) => (dialled.push(port), site.connection)),
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
  });

  it("fails with the engine's error kind when nothing publishes the port", async () => {
    const refused = openWorkerPortSocket(
      engine(() => Promise.reject(new DrydockError("NotFound", "no container publishes port 9090"))),
      9090,
    );
    await expect(refused).rejects.toMatchObject({ kind: "NotFound", message: "no container publishes port 9090" });
  });
});
