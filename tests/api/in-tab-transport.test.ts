// The Engine API as the page reaches it in the browser: HTTP bytes carried by the worker's
// messages (structured clones), the engine's MessageConnections on one side and the page's
// openWorkerApiSocket on the other, with the real VM behind.
import { afterAll, beforeAll, expect, it } from "vitest";
import { MessageConnections } from "../../src/engine/api/message-connections";
import { createEngine } from "../../src/engine/engine";
import type { Machine } from "../../src/engine/machine/machine";
import { MemoryBlobStore } from "../../src/engine/storage/blob-store";
import { MemoryKvStore } from "../../src/engine/storage/kv-store";
import { FsImageSource } from "../../src/node/fs-image-source";
import { IMAGES_DIR } from "../../src/node/paths";
import { startMachine } from "../../src/node/start-machine";
import { Emitter } from "../../src/shared/disposable";
import type { FromEngine, ToEngine } from "../../src/shared/worker-protocol";
import type { EngineMessages } from "../../src/ui/engine-worker-channel";
import { openWorkerApiSocket } from "../../src/ui/worker-api-socket";

let machine: Machine;
let page: EngineMessages;
beforeAll(async () => {
  machine = await startMachine({ idle: false });
  const engine = await createEngine({ machine, images: new FsImageSource(IMAGES_DIR), blobs: new MemoryBlobStore(), kv: new MemoryKvStore() });
  const toPage = new Emitter<FromEngine>();
  // postMessage clones and delivers later: so do these.
  const connections = new MessageConnections((message) => queueMicrotask(() => toPage.emit(structuredClone(message))), engine.handle);
  page = {
    on: (listener) => toPage.on(listener),
    send: (message: ToEngine) => queueMicrotask(() => connections.receive(structuredClone(message) as Parameters<MessageConnections["receive"]>[0])),
  };
}, 60_000);
afterAll(() => machine?.stop());

function exchange(request: string): Promise<string> {
  const connection = openWorkerApiSocket(page);
  let text = "";
  connection.onData((bytes) => {
    text += new TextDecoder().decode(bytes);
  });
  const ended = new Promise<void>((resolve) => connection.onEnd(resolve));
  void connection.write(new TextEncoder().encode(request));
  return ended.then(() => text);
}

it("serves HTTP/1.1 over the worker's messages, streams included", async () => {
  const version = await exchange("GET /v1.47/version HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n");
  expect(version).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  expect(version).toContain("Api-Version: 1.47\r\n");
  expect(JSON.parse(version.slice(version.indexOf("\r\n\r\n") + 4))).toMatchObject({ ApiVersion: "1.47", Os: "linux", KernelVersion: expect.stringMatching(/^6\.1\./) });
  const pull = await exchange("POST /images/create?fromImage=hello-world&tag=latest HTTP/1.1\r\nHost: docker\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  expect(pull).toContain("Transfer-Encoding: chunked\r\n");
  expect(pull).toContain('{"status":"Status: Downloaded newer image for hello-world:latest"}');
  expect(pull.endsWith("0\r\n\r\n")).toBe(true);
});
