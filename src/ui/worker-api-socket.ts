import type { ByteStream } from "../shared/byte-stream";
import { Emitter } from "../shared/disposable";
import { DrydockError } from "../shared/errors";
import { API_WINDOW } from "../shared/worker-protocol";
import type { EngineMessages } from "./engine-worker-channel";

let nextId = 1;

/**
 * A socket to the Engine API in the worker, carried by worker messages: HTTP/1.1 bytes, as a
 * UNIX socket would carry them. The page's Docker clients (the desktop, the architecture view,
 * the lesson checks) speak through these. Writes go out within the worker's credit (API_WINDOW
 * at first): a write resolves once all of its bytes are sent, so an upload goes no faster than
 * the engine reads it.
 */
export function openWorkerApiSocket(engine: EngineMessages): ByteStream {
  const id = nextId++;
  const socket = workerSocket(engine, id, false);
  engine.send({ type: "api-open", id });
  return socket;
}

/**
 * A connection to the container published on `port` of the Docker host (the preview's), carried
 * as an API socket's bytes are; it fails with the engine's error kind when nothing publishes it.
 * Its bytes are credited back to the engine once its listeners' holds settled (PORT_WINDOW), so
 * a reader slower than the container holds the container back rather than piling bytes up.
 */
export function openWorkerPortSocket(engine: EngineMessages, port: number): Promise<ByteStream> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const answer = engine.on((message) => {
      if (!("id" in message) || message.id !== id) return;
      if (message.type === "port-opened") resolve(workerSocket(engine, id, true));
      else if (message.type === "port-refused") reject(new DrydockError(message.kind, message.message));
      else return;
      answer.dispose();
    });
    engine.send({ type: "port-open", id, port });
  });
}

/** Connection `id`'s end on the page, once the worker has it open; `credited`: a port's (see PORT_WINDOW). */
function workerSocket(engine: EngineMessages, id: number, credited: boolean): ByteStream {
  const listeners = new Set<(bytes: Uint8Array) => void | Promise<void>>();
  const end = new Emitter<void>();
  let endEmitted = false;
  const emitEnd = () => {
    endEmitted = true;
    end.emit();
  };
  /** A port's bytes, each delivered once the ones before it were taken; its end after them. */
  let delivered: Promise<unknown> = Promise.resolve();
  const deliver = (bytes: Uint8Array) => {
    if (!credited) {
      for (const listener of [...listeners]) void listener(bytes);
      return;
    }
    delivered = delivered
      .then(() => Promise.allSettled([...listeners].map((listener) => listener(bytes))))
      .then(() => engine.send({ type: "port-credit", id, bytes: bytes.length }));
  };
  let ended = false;
  let credit = API_WINDOW;
  const writes: { bytes: Uint8Array; sent: () => void }[] = [];
  let endAfterWrites = false;

  const flush = () => {
    while (writes.length > 0 && credit > 0) {
      const write = writes[0]!;
      const take = Math.min(credit, write.bytes.length);
      engine.send({ type: "api-data", id, data: write.bytes.slice(0, take) });
      credit -= take;
      write.bytes = write.bytes.subarray(take);
      if (write.bytes.length > 0) break;
      writes.shift();
      write.sent();
    }
    if (writes.length === 0 && endAfterWrites) {
      endAfterWrites = false;
      engine.send({ type: "api-end", id });
    }
  };

  const subscription = engine.on((message) => {
    if (!("id" in message) || message.id !== id) return;
    if (message.type === "api-data") deliver(message.data);
    if (message.type === "api-credit") {
      credit += message.bytes;
      flush();
    }
    if (message.type === "api-end") {
      ended = true;
      // Nobody reads what is still to send: the writes are over, as a closed socket's are.
      for (const write of writes.splice(0)) write.sent();
      subscription.dispose();
      if (credited) void delivered.then(emitEnd);
      else emitEnd();
    }
  });
  return {
    onData: (listener) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    onEnd: (listener) => {
      if (endEmitted) queueMicrotask(listener);
      return end.on(listener);
    },
    write: (bytes) =>
      new Promise<void>((sent) => {
        if (ended || bytes.length === 0) return sent();
        writes.push({ bytes, sent });
        flush();
      }),
    end: () => {
      endAfterWrites = true;
      flush();
    },
  };
}
