import type { ByteStream } from "../../shared/byte-stream";
import type { Disposable } from "../../shared/disposable";
import type { DrydockError } from "../../shared/errors";
import type { AgentChannel, StreamSink } from "./agent-channel";
import type { AgentExit } from "./agent-protocol";

/** Output the agent may send before the engine has taken any: per process, both streams. */
export const OUTPUT_WINDOW = 256 * 1024;

type Listener = (channel: number, bytes: Uint8Array) => void | Promise<void>;

/**
 * One stream of the agent channel with flow control both ways: output is handed to one
 * listener a chunk at a time and credited back to the agent once taken (so memory stays within
 * the window), and input waits for the credit the agent grants as its process reads.
 */
export class AgentStream implements StreamSink {
  readonly id: number;
  private readonly close: () => void;
  private listener: Listener | undefined;
  private backlog: [number, Uint8Array][] = [];
  private delivering: Promise<void> = Promise.resolve();
  private inputCredit = 0;
  private readonly writers: { bytes: Uint8Array; resolve: () => void; reject: (e: Error) => void }[] = [];
  private ended = false;
  /** The process is gone: what is written now has nobody to read it. */
  private gone: Error | "exited" | undefined;
  /** Sends the end of input once the writers queued before it are through. */
  private pendingEnd: (() => void) | undefined;
  /** Each output's end (its empty data frame), reached once the chunks before it were delivered. */
  private readonly outputEnds = new Map<number, { reached: Promise<void>; reach: () => void }>();
  private readonly finished: Promise<AgentExit>;
  private settle!: { resolve: (exit: AgentExit) => void; reject: (error: Error) => void };

  /** `id`: a stream the agent numbered (an accepted connection); else a fresh one of the engine's. */
  constructor(
    private readonly channel: AgentChannel,
    id?: number,
  ) {
    const stream = channel.openStream(this, id);
    this.id = stream.id;
    this.close = stream.close;
    this.finished = new Promise<AgentExit>((resolve, reject) => (this.settle = { resolve, reject }));
    this.finished.catch(() => undefined);
  }

  /** Resolves with the process's exit once every chunk of output before it was delivered. */
  exited(): Promise<AgentExit> {
    return this.finished;
  }

  /** Resolves once the output on `channel` ended, after its last chunk was delivered. */
  outputEnded(channel: number): Promise<void> {
    return this.outputEnd(channel).reached;
  }

  onOutput(listener: Listener): Disposable {
    this.listener = listener;
    const backlog = this.backlog;
    this.backlog = [];
    for (const [channel, bytes] of backlog) this.deliver(channel, bytes);
    return { dispose: () => (this.listener = undefined) };
  }

  write(bytes: Uint8Array): Promise<void> {
    if (this.gone instanceof Error) return Promise.reject(this.gone);
    if (this.gone || this.ended || bytes.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.writers.push({ bytes, resolve, reject });
      this.flush();
    });
  }

  endInput(): void {
    if (this.ended) return;
    this.ended = true;
    this.flushThen(() => this.channel.sendData(this.id, new Uint8Array(0)));
  }

  /** The agent refused to start the process: nothing will come on this stream. */
  abandon(): void {
    this.close();
  }

  data(channel: number, bytes: Uint8Array): void {
    if (this.listener) this.deliver(channel, bytes);
    else this.backlog.push([channel, bytes]);
  }

  credit(bytes: number): void {
    this.inputCredit += bytes;
    this.flush();
  }

  exit(exit: AgentExit): void {
    this.gone = "exited";
    this.close();
    void this.delivering.then(() => this.settle.resolve(exit));
    for (const writer of this.writers.splice(0)) writer.resolve(); // nobody reads any more
  }

  lost(error: DrydockError): void {
    this.gone = error;
    this.close();
    this.settle.reject(error);
    for (const writer of this.writers.splice(0)) writer.reject(error);
  }

  private deliver(channel: number, bytes: Uint8Array): void {
    if (bytes.length === 0) {
      // The end of one output (a process's exit record follows the last).
      this.delivering = this.delivering.then(() => this.outputEnd(channel).reach());
      return;
    }
    this.delivering = this.delivering
      .then(() => this.listener?.(channel, bytes))
      .catch(() => undefined)
      .then(() => this.channel.sendCredit(this.id, bytes.length));
  }

  private outputEnd(channel: number): { reached: Promise<void>; reach: () => void } {
    let end = this.outputEnds.get(channel);
    if (!end) {
      let reach!: () => void;
      const reached = new Promise<void>((resolve) => (reach = resolve));
      end = { reached, reach };
      this.outputEnds.set(channel, end);
    }
    return end;
  }

  private flushThen(after: () => void): void {
    this.pendingEnd = after;
    this.flush();
  }

  private flush(): void {
    while (this.writers.length > 0 && this.inputCredit > 0) {
      const writer = this.writers[0]!;
      const take = Math.min(this.inputCredit, writer.bytes.length);
      this.channel.sendData(this.id, writer.bytes.subarray(0, take));
      this.inputCredit -= take;
      if (take === writer.bytes.length) {
        this.writers.shift();
        writer.resolve();
      } else {
        writer.bytes = writer.bytes.subarray(take);
      }
    }
    if (this.writers.length === 0 && this.pendingEnd) {
      const end = this.pendingEnd;
      this.pendingEnd = undefined;
      end();
    }
  }
}

/** A connection the agent carries (accepted or forwarded) as a byte stream. */
export function connectionStream(stream: AgentStream): ByteStream {
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
