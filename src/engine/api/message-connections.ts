import type { ByteStream } from "../../shared/byte-stream";
import { Emitter } from "../../shared/disposable";
import type { FromEngine, ToEngine } from "../../shared/worker-protocol";
import { serveConnection, type Handler } from "./http/server";
import type { ApiTap } from "./tap/api-tap";
import { tapConnection } from "./tap/tap-connection";

type ApiMessage = Extract<ToEngine, { type: "api-open" | "api-data" | "api-end" }>;

/**
 * The Engine API inside the tab: each connection the page opens over the worker's messages is
 * served like a socket (the same HTTP bytes, the same router), so the architecture view can
 * show the true requests.
 */
export class MessageConnections {
  private readonly open = new Map<number, { data: Emitter<Uint8Array>; end: Emitter<void>; ended: boolean }>();

  constructor(
    private readonly post: (message: FromEngine) => void,
    private readonly handle: Handler,
    private readonly tap?: ApiTap,
  ) {}

  receive(message: ApiMessage): void {
    switch (message.type) {
      case "api-open": {
        const connection = { data: new Emitter<Uint8Array>(), end: new Emitter<void>(), ended: false };
        this.open.set(message.id, connection);
        serveConnection(tapConnection(this.stream(message.id, connection), "this page", this.tap), this.handle);
        break;
      }
      case "api-data":
        this.open.get(message.id)?.data.emit(message.data);
        break;
      case "api-end": {
        const connection = this.open.get(message.id);
        if (!connection) break;
        connection.ended = true;
        connection.end.emit();
        break;
      }
    }
  }

  private stream(id: number, connection: { data: Emitter<Uint8Array>; end: Emitter<void>; ended: boolean }): ByteStream {
    return {
      onData: (listener) => connection.data.on(listener),
      onEnd: (listener) => {
        if (connection.ended) queueMicrotask(listener);
        return connection.end.on(listener);
      },
      write: async (bytes) => this.post({ type: "api-data", id, data: bytes.slice() }),
      end: () => {
        this.post({ type: "api-end", id });
        this.open.delete(id);
      },
    };
  }
}
