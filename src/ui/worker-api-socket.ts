import type { ByteStream } from "../shared/byte-stream";
import { Emitter } from "../shared/disposable";
import type { EngineMessages } from "./engine-worker-channel";

let nextId = 1;

/**
 * A socket to the Engine API in the worker, carried by worker messages: HTTP/1.1 bytes, as a
 * UNIX socket would carry them. The page's Docker clients (the desktop, the architecture view,
 * the lesson checks) speak through these.
 */
export function openWorkerApiSocket(engine: EngineMessages): ByteStream {
  const id = nextId++;
  const data = new Emitter<Uint8Array>();
  const end = new Emitter<void>();
  let ended = false;
  const subscription = engine.on((message) => {
    if (message.type === "api-data" && message.id === id) data.emit(message.data);
    if (message.type === "api-end" && message.id === id) {
      ended = true;
      end.emit();
      subscription.dispose();
    }
  });
  engine.send({ type: "api-open", id });
  return {
    onData: (listener) => data.on(listener),
    onEnd: (listener) => {
      if (ended) queueMicrotask(listener);
      return end.on(listener);
    },
    write: async (bytes) => engine.send({ type: "api-data", id, data: bytes.slice() }),
    end: () => engine.send({ type: "api-end", id }),
  };
}
