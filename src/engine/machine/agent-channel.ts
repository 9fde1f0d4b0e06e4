import type { ByteStream } from "../../shared/byte-stream";
import { Emitter, type Disposable } from "../../shared/disposable";
import { DrydockError, errorMessage, type ErrorKind } from "../../shared/errors";
import { AgentListeners } from "./agent-listeners";
import { encodeRequest, parseAccept, parseDatagram, parseExit, parseReply, type AgentDatagram, type AgentExit, type AgentHello, type AgentOp, type AgentReplies, type RequestOf } from "./agent-protocol";
import { AgentRecord } from "./agent-record";
import type { AgentPort } from "./emulator";

/** Frame types; guest/agent/agent.h has the same table. */
export const FrameType = { Hello: 1, Request: 2, Reply: 3, Data: 4, Credit: 5, Exit: 6, Accept: 7, Datagram: 8 } as const;
const MAGIC = 0xd0cc;
const HEADER = 12;
const FRAME_MAX = 256 * 1024;
/** The agent's protocol version this engine speaks. */
export const AGENT_PROTOCOL = "1";

/** What a stream (a process or a forwarded connection) is told by the agent. */
export interface StreamSink {
  data(channel: number, bytes: Uint8Array): void;
  credit(bytes: number): void;
  exit(exit: AgentExit): void;
  /** The agent went away (restarted or the machine stopped): no more frames will come. */
  lost(error: DrydockError): void;
}

/** The agent's "StartFailed": it could not start the process (the runtime says so in its own terms). */
export class StartRefused extends DrydockError {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super("InvalidParameter", message);
  }
}

const KINDS: readonly ErrorKind[] = ["NotFound", "InvalidParameter", "Conflict", "Unavailable", "Forbidden", "NotImplemented", "Internal"];

/**
 * The engine's end of drydock-agent's channel: framed, multiplexed requests and streams over a
 * virtio-console port. Sending is paced by the guest's posted receive buffers (v86 drops what
 * arrives with none posted).
 */
export class AgentChannel implements Disposable {
  private inbound = new Uint8Array(0);
  private outbound: Uint8Array[] = [];
  private pumping: ReturnType<typeof setTimeout> | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: AgentRecord) => void; reject: (e: Error) => void }>();
  private readonly streams = new Map<number, StreamSink>();
  private readonly listeners = new AgentListeners(this);
  private readonly subscription: Disposable;
  private closed: DrydockError | undefined;
  /** The agent's process ID, from its last answer to hello: a new agent has another. */
  private agentPid: number | undefined;
  private checkingHello = false;
  private refusals = 0;
  /** The agent started afresh (it crashed and init respawned it): its containers are gone. */
  readonly restarted = new Emitter<void>();
  /** Queries that reached a container's resolver socket (127.0.0.11:53). */
  readonly datagrams = new Emitter<AgentDatagram>();

  constructor(
    private readonly port: AgentPort,
    /** Told of every frame sent or received (wakes a paused emulator, keeps it awake). */
    private readonly activity: () => void = () => undefined,
    /** Told of frames refused (forged, truncated or out of place): a privileged container can write to the channel. */
    private readonly warn: (message: string) => void = (message) => console.warn(`drydock: ${message}`),
  ) {
    this.subscription = port.onData((bytes) => this.receive(bytes));
  }

  /** Waits for the agent to answer (it may still be starting after a cold boot). */
  async ready(deadline: number): Promise<AgentHello> {
    for (;;) {
      try {
        const hello = await this.syncClock(Math.min(1000, Math.max(1, deadline - Date.now())));
        if (hello.protocol !== AGENT_PROTOCOL) {
          throw new DrydockError("Internal", `the guest's agent speaks protocol ${hello.protocol}, the engine ${AGENT_PROTOCOL}: rebuild the images (npm run images)`);
        }
        return hello;
      } catch (error) {
        if (Date.now() >= deadline || (error instanceof DrydockError && error.kind === "Internal")) throw error;
      }
    }
  }

  /** Says hello, setting the guest's clock to the engine's (it stands still in a snapshot or a pause). */
  async syncClock(timeoutMs = 15_000): Promise<AgentHello> {
    const hello = await this.request({ op: "hello", time: Date.now() }, timeoutMs);
    this.agentPid = hello.pid;
    return hello;
  }

  /** A request, its reply read as its op's (agent-protocol.ts); fails with the agent's own error kind and message. */
  request<Op extends AgentOp>(request: RequestOf<Op>, timeoutMs = 15_000): Promise<AgentReplies[Op]> {
    if (this.closed) return Promise.reject(this.closed);
    const payload = encodeRequest(request);
    // The agent drops a frame it cannot hold: say so now rather than time out.
    if (payload.length > FRAME_MAX) {
      return Promise.reject(new DrydockError("InvalidParameter", `the request "${request.op}" takes ${payload.length} bytes; the guest's agent takes at most ${FRAME_MAX}`));
    }
    const id = this.allocate();
    return new Promise<AgentReplies[Op]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new DrydockError("Unavailable", `the guest's agent did not answer "${request.op}" within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (record) => {
          clearTimeout(timer);
          const error = record.get("error");
          if (error === undefined) return resolve(parseReply(request.op, record));
          const kind = record.get("kind");
          if (kind === "StartFailed") return reject(new StartRefused(error, record.number("exitCode") ?? 126));
          reject(new DrydockError(KINDS.includes(kind as ErrorKind) ? (kind as ErrorKind) : "Internal", error));
        },
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      this.send(FrameType.Request, 0, id, payload);
    });
  }

  /**
   * A sink for a stream's frames until `close`: a fresh stream of the engine's, or one the agent
   * numbered (`id`, an accepted connection).
   */
  openStream(sink: StreamSink, id = this.allocate()): { id: number; close: () => void } {
    this.streams.set(id, sink);
    return { id, close: () => this.streams.delete(id) };
  }

  /**
   * A socket in the guest, held by the agent (and made again by a new one after a crash): a UNIX
   * socket's absolute path, or tcp://IPV4:PORT. Each connection to it reaches `onConnection`.
   * Listening again under `name` replaces it.
   */
  listen(name: string, where: string, onConnection: (connection: ByteStream) => void): Promise<Disposable> {
    return this.listeners.listen(name, where, onConnection);
  }

  /** Bytes for a stream's stdin (channel 0); an empty array is its end of file. */
  sendData(stream: number, bytes: Uint8Array): void {
    let offset = 0;
    do {
      this.send(FrameType.Data, 0, stream, bytes.subarray(offset, offset + FRAME_MAX));
      offset += FRAME_MAX;
    } while (offset < bytes.length);
  }

  sendCredit(stream: number, bytes: number): void {
    const payload = new Uint8Array(4);
    new DataView(payload.buffer).setUint32(0, bytes, true);
    this.send(FrameType.Credit, 0, stream, payload);
  }

  dispose(): void {
    this.fail(new DrydockError("Unavailable", "the machine stopped"));
    this.subscription.dispose();
    clearTimeout(this.pumping);
  }

  private allocate(): number {
    const id = this.nextId;
    this.nextId = this.nextId >= 0x7fffffff ? 1 : this.nextId + 1;
    return id;
  }

  private send(type: number, channel: number, id: number, payload: Uint8Array): void {
    if (this.closed) return;
    const frame = new Uint8Array(HEADER + payload.length);
    const view = new DataView(frame.buffer);
    view.setUint16(0, MAGIC, true);
    frame[2] = type;
    frame[3] = channel;
    view.setUint32(4, id, true);
    view.setUint32(8, payload.length, true);
    frame.set(payload, HEADER);
    this.outbound.push(frame);
    this.activity();
    this.pump();
  }

  private pump(): void {
    clearTimeout(this.pumping);
    this.pumping = undefined;
    while (this.outbound.length > 0) {
      const room = this.port.capacity();
      if (room === 0) {
        // The guest has not posted a buffer yet: it does so as soon as it has read the last.
        this.pumping = setTimeout(() => this.pump(), 1);
        return;
      }
      const head = this.outbound[0]!;
      if (head.length <= room) {
        this.port.send(head);
        this.outbound.shift();
      } else {
        this.port.send(head.subarray(0, room));
        this.outbound[0] = head.subarray(room);
      }
    }
  }

  private receive(bytes: Uint8Array): void {
    this.activity();
    const joined = new Uint8Array(this.inbound.length + bytes.length);
    joined.set(this.inbound);
    joined.set(bytes, this.inbound.length);
    const view = new DataView(joined.buffer);
    let pos = 0;
    while (joined.length - pos >= HEADER) {
      if (view.getUint16(pos, true) !== MAGIC) {
        pos++; // out of step: look for the next frame
        continue;
      }
      const length = view.getUint32(pos + 8, true);
      if (length > FRAME_MAX) {
        pos += 2;
        continue;
      }
      if (joined.length - pos < HEADER + length) break;
      const type = joined[pos + 2]!;
      const channel = joined[pos + 3]!;
      const id = view.getUint32(pos + 4, true);
      const payload = joined.slice(pos + HEADER, pos + HEADER + length);
      pos += HEADER + length;
      this.dispatch(type, channel, id, payload);
    }
    this.inbound = joined.slice(pos);
  }

  /**
   * Whatever the bytes, the channel goes on: a frame that makes no sense is refused, not thrown;
   * an engine's handler that throws on a good one is logged as the engine's fault.
   */
  private dispatch(type: number, channel: number, id: number, payload: Uint8Array): void {
    let record: AgentRecord | undefined;
    if (type === FrameType.Reply || type === FrameType.Accept || type === FrameType.Exit || type === FrameType.Datagram) {
      try {
        record = AgentRecord.decode(payload);
      } catch (error) {
        return this.refuse(`a frame of type ${type} on stream ${id}: ${errorMessage(error)}`);
      }
    }
    try {
      this.handle(type, channel, id, payload, record!);
    } catch (error) {
      this.warn(`the engine failed on a frame of type ${type} on stream ${id}: ${errorMessage(error)}`);
    }
  }

  private handle(type: number, channel: number, id: number, payload: Uint8Array, record: AgentRecord): void {
    switch (type) {
      case FrameType.Hello:
        void this.confirmRestart();
        break;
      case FrameType.Reply: {
        const waiter = this.pending.get(id);
        if (!waiter) return this.refuse(`a reply to request ${id}, which is not waiting`);
        this.pending.delete(id);
        waiter.resolve(record);
        break;
      }
      case FrameType.Data:
        this.streams.get(id)?.data(channel, payload);
        break;
      case FrameType.Credit:
        if (payload.length >= 4) this.streams.get(id)?.credit(new DataView(payload.buffer, payload.byteOffset).getUint32(0, true));
        break;
      case FrameType.Accept:
        // Only the agent numbers streams with the top bit set, each once.
        if (id < 0x80000000 || this.streams.has(id)) return this.refuse(`a connection on stream ${id}, which the agent cannot have numbered`);
        this.listeners.accept(id, parseAccept(record));
        break;
      case FrameType.Datagram:
        this.datagrams.emit(parseDatagram(record));
        break;
      case FrameType.Exit: {
        const sink = this.streams.get(id);
        this.streams.delete(id);
        sink?.exit(parseExit(record));
        break;
      }
      default:
        this.refuse(`a frame of unknown type ${type}`);
    }
  }

  /**
   * Only a new agent says hello unasked, and whatever the old one ran is then gone. A new agent
   * has a new process ID: the hello of one that answers with the old one's was not the agent's.
   */
  private async confirmRestart(): Promise<void> {
    if (this.checkingHello) return;
    this.checkingHello = true;
    const known = this.agentPid;
    let pid: number | undefined;
    try {
      pid = (await this.syncClock(5_000)).pid;
    } catch {
      // No answer: not the agent we knew either.
    } finally {
      this.checkingHello = false;
    }
    if (known !== undefined && pid === known) return this.refuse(`a hello from stream 0 while agent ${known} still runs`);
    this.failStreams(new DrydockError("Unavailable", "the guest's agent restarted"));
    this.restarted.emit();
    this.listeners.relisten();
  }

  private refuse(what: string): void {
    // A flood of garbage must not become a flood of logs.
    if (++this.refusals <= 10 || this.refusals % 1000 === 0) this.warn(`refused ${what} (refusal ${this.refusals} on the agent channel)`);
  }

  private failStreams(error: DrydockError): void {
    const sinks = [...this.streams.values()];
    this.streams.clear();
    for (const sink of sinks) sink.lost(error);
  }

  private fail(error: DrydockError): void {
    if (this.closed) return;
    this.closed = error;
    const waiters = [...this.pending.values()];
    this.pending.clear();
    for (const waiter of waiters) waiter.reject(error);
    this.failStreams(error);
    this.outbound = [];
  }
}
