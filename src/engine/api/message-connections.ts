import type { ByteStream } from "../../shared/byte-stream";
import type { Disposable } from "../../shared/disposable";
import { DrydockError, errorKind, errorMessage } from "../../shared/errors";
import { PORT_WINDOW, type FromEngine, type ToEngine } from "../../shared/worker-protocol";
import { pipeToContainer } from "../network/port-publisher";
import type { RuntimeConnection } from "../runtime/runtime";
import { serveConnection, type Handler } from "./http/server";
import type { ApiTap } from "./tap/api-tap";
import { tapConnection } from "./tap/tap-connection";

type ApiMessage = Extract<ToEngine, { type: "api-open" | "api-data" | "api-end" | "port-open" | "port-credit" }>;
type DataListener = (bytes: Uint8Array) => void | Promise<void>;

/**
 * The Engine API inside the tab: each connection the page opens over the worker's messages is
 * served like a socket (the same HTTP bytes, the same router), so the architecture view can
 * show the true requests. The page sends within a window (API_WINDOW): each api-data is
 * credited back once the server has taken it, so a held connection holds the page's upload.
 * The page's preview opens connections the same way to a published port (`dialPort`), and
 * those carry the container's bytes instead, sent within the page's credit (PORT_WINDOW).
 */
export class MessageConnections {
  private readonly open = new Map<number, Incoming>();
  /** The port connections' credit from the page, by id. */
  private readonly windows = new Map<number, OutgoingWindow>();

  constructor(
    private readonly post: (message: FromEngine) => void,
    private readonly handle: Handler,
    private readonly tap?: ApiTap,
    private readonly dialPort?: (port: number) => Promise<RuntimeConnection>,
  ) {}

  receive(message: ApiMessage): void {
    switch (message.type) {
      case "api-open": {
        const incoming = new Incoming((bytes) => this.post({ type: "api-credit", id: message.id, bytes }));
        this.open.set(message.id, incoming);
        serveConnection(tapConnection(this.stream(message.id, incoming), "this page", this.tap), this.handle);
        break;
      }
      case "port-open":
        void this.openPort(message.id, message.port);
        break;
      case "port-credit":
        this.windows.get(message.id)?.credit(message.bytes);
        break;
      case "api-data":
        this.open.get(message.id)?.data(message.data);
        break;
      case "api-end":
        this.open.get(message.id)?.end();
        // The page is done with the container's bytes: what comes still is nobody's.
        this.windows.get(message.id)?.close();
        break;
    }
  }

  private async openPort(id: number, port: number): Promise<void> {
    let upstream: RuntimeConnection;
    try {
      if (!this.dialPort) throw new DrydockError("NotImplemented", "this engine publishes no ports to the page");
      upstream = await this.dialPort(port);
    } catch (error) {
      this.post({ type: "port-refused", id, kind: errorKind(error), message: errorMessage(error) });
      return;
    }
    const incoming = new Incoming((bytes) => this.post({ type: "api-credit", id, bytes }));
    const window = new OutgoingWindow();
    this.open.set(id, incoming);
    this.windows.set(id, window);
    this.post({ type: "port-opened", id });
    // Tapped as the API's connections are: the architecture view lists the preview's requests too.
    void pipeToContainer(tapConnection(this.stream(id, incoming, window), "this page", this.tap, "container"), () => Promise.resolve(upstream));
  }

  private stream(id: number, incoming: Incoming, window?: OutgoingWindow): ByteStream {
    return {
      onData: (listener) => incoming.onData(listener),
      onEnd: (listener) => incoming.onEnd(listener),
      write: async (bytes) => {
        if (window?.closed) return;
        this.post({ type: "api-data", id, data: bytes.slice() });
        await window?.sent(bytes.length);
      },
      end: () => {
        this.post({ type: "api-end", id });
        this.open.delete(id);
        this.windows.get(id)?.close();
        this.windows.delete(id);
      },
    };
  }
}

/** What the engine sent the page on a port connection and the page has not credited back yet. */
class OutgoingWindow {
  closed = false;
  private ahead = 0;
  private waiters: (() => void)[] = [];

  /** `bytes` went out: resolves once what is ahead of the page is within PORT_WINDOW again. */
  sent(bytes: number): Promise<void> {
    this.ahead += bytes;
    if (this.ahead <= PORT_WINDOW || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  credit(bytes: number): void {
    this.ahead -= bytes;
    if (this.ahead <= PORT_WINDOW) this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}

/** One connection's bytes from the page, delivered in order, each credited once its listeners' holds settled. */
class Incoming {
  private readonly listeners = new Set<DataListener>();
  private readonly endListeners = new Set<() => void>();
  private delivering: Promise<void> = Promise.resolve();
  private ended = false;

  constructor(private readonly credit: (bytes: number) => void) {}

  data(bytes: Uint8Array): void {
    this.delivering = this.delivering
      .then(() => Promise.allSettled([...this.listeners].map((listener) => listener(bytes))))
      // A listener that threw took the bytes all the same: the next ones must still come.
      .catch(() => undefined)
      .then(() => this.credit(bytes.length));
  }

  end(): void {
    this.delivering = this.delivering.then(() => {
      this.ended = true;
      for (const listener of [...this.endListeners]) listener();
    });
  }

  onData(listener: DataListener): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  onEnd(listener: () => void): Disposable {
    if (this.ended) queueMicrotask(listener);
    this.endListeners.add(listener);
    return { dispose: () => this.endListeners.delete(listener) };
  }
}
