import type { ByteStream } from "../shared/byte-stream";
import { Emitter } from "../shared/disposable";
import type { FromEngine, ToEngine } from "../shared/worker-protocol";

let nextId = 1;

/** The page's side of a channel carrying messages to and from the engine worker. */
export interface EngineMessages {
  on(listener: (message: FromEngine) => void): { dispose(): void };
  send(message: ToEngine): void;
}

/**
 * A connection to the Engine API in the worker: HTTP/1.1 bytes, as a socket would carry them.
 * The page's Docker clients (the desktop, the architecture view) speak through these.
 */
export function openApiConnection(engine: EngineMessages): ByteStream {
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
