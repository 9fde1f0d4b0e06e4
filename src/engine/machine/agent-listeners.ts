import type { ByteStream } from "../../shared/byte-stream";
import type { Disposable } from "../../shared/disposable";
import type { AgentChannel } from "./agent-channel";
import type { AgentRecord } from "./agent-record";
import { AgentStream } from "./agent-stream";

type ConnectionHandler = (connection: ByteStream) => void;

/**
 * Sockets in the guest that the engine answers (the `docker` shim's): the agent listens and
 * accepts, and each connection arrives as a stream the agent numbered. The guest's bytes come on
 * channel 1; the engine's go as the stream's input.
 */
export class AgentListeners {
  private readonly handlers = new Map<string, { path: string; onConnection: ConnectionHandler }>();

  constructor(private readonly channel: AgentChannel) {}

  async listen(name: string, path: string, onConnection: ConnectionHandler): Promise<Disposable> {
    const handler = { path, onConnection };
    const previous = this.handlers.get(name);
    // Routed before the reply: the agent may accept a connection in the same breath.
    this.handlers.set(name, handler);
    try {
      await this.channel.request({ op: "listen", name, path });
    } catch (error) {
      // The agent keeps the socket it had under this name when a new one cannot be made.
      if (this.handlers.get(name) === handler) {
        if (previous) this.handlers.set(name, previous);
        else this.handlers.delete(name);
      }
      throw error;
    }
    return {
      dispose: () => {
        if (this.handlers.get(name) !== handler) return;
        this.handlers.delete(name);
        void this.channel.request({ op: "unlisten", name }).catch(() => undefined);
      },
    };
  }

  /** A new agent (the last one crashed) holds no sockets: ask it for them all again. */
  relisten(): void {
    for (const [name, { path }] of this.handlers) {
      // Nobody to tell if it fails: the shim then says it cannot connect, as docker does.
      void this.channel.request({ op: "listen", name, path }).catch(() => undefined);
    }
  }

  accept(id: number, record: AgentRecord): void {
    const handler = this.handlers.get(record.get("listener") ?? "");
    // Nobody answers: end it at once, so its client sees the end of file and gives up.
    if (!handler) return this.channel.sendData(id, new Uint8Array(0));
    const connection = connectionStream(new AgentStream(this.channel, id));
    try {
      handler.onConnection(connection);
    } catch {
      // A throw here would unwind through the channel's frame reader.
      connection.end();
    }
  }
}

function connectionStream(stream: AgentStream): ByteStream {
  // The guest's side stops sending when it half-closes, or the connection is over.
  const ended = Promise.race([stream.outputEnded(1), stream.exited().then(noop, noop)]);
  return {
    onData: (listener) => stream.onOutput((_channel, bytes) => listener(bytes)),
    onEnd: (listener) => {
      let live = true;
      void ended.then(() => live && listener());
      return { dispose: () => (live = false) };
    },
    write: (bytes) => stream.write(bytes),
    end: () => stream.endInput(),
  };
}

const noop = () => undefined;
