import type { ByteStream } from "../../shared/byte-stream";
import type { Disposable } from "../../shared/disposable";
import type { AgentChannel } from "./agent-channel";
import type { AgentAccept, ListenTarget } from "./agent-protocol";
import { AgentStream, connectionStream } from "./agent-stream";

type ConnectionHandler = (connection: ByteStream) => void;

/** What serves a socket in the guest needs of the agent (AgentChannel.listen). */
export interface GuestListener {
  listen(name: string, where: string, onConnection: ConnectionHandler): Promise<Disposable>;
}

/** The agent's target for a socket at `where`: a UNIX socket's path, or tcp://IPV4:PORT. */
function socketFields(where: string): ListenTarget {
  const tcp = /^tcp:\/\/([\d.]+):(\d+)$/.exec(where);
  return tcp ? { address: tcp[1]!, port: Number(tcp[2]) } : { path: where };
}

/**
 * Sockets in the guest that the engine answers (the `docker` shim's): the agent listens and
 * accepts, and each connection arrives as a stream the agent numbered. The guest's bytes come on
 * channel 1; the engine's go as the stream's input.
 */
export class AgentListeners {
  private readonly handlers = new Map<string, { where: string; onConnection: ConnectionHandler }>();

  constructor(private readonly channel: AgentChannel) {}

  async listen(name: string, where: string, onConnection: ConnectionHandler): Promise<Disposable> {
    const handler = { where, onConnection };
    const previous = this.handlers.get(name);
    // Routed before the reply: the agent may accept a connection in the same breath.
    this.handlers.set(name, handler);
    try {
      await this.channel.request({ op: "listen", name, ...socketFields(where) });
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
    for (const [name, { where }] of this.handlers) {
      // Nobody to tell if it fails: the shim then says it cannot connect, as docker does.
      void this.channel.request({ op: "listen", name, ...socketFields(where) }).catch(() => undefined);
    }
  }

  accept(id: number, accept: AgentAccept): void {
    const handler = this.handlers.get(accept.listener);
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
