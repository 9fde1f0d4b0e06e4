import type { ByteStream } from "./byte-stream";
import type { Disposable } from "./disposable";

/** Bytes a writer may have on their way before its write waits for the reader, as a socket's buffer. */
export const PIPE_WINDOW = 64 * 1024;

type DataListener = (bytes: Uint8Array) => void | Promise<void>;

/**
 * Two connected ByteStreams, like the two ends of a socket, inside one process: what one end
 * writes the other receives (in a later microtask, never re-entrantly); `end` is a half close.
 * Bytes sent before the other end listens wait for it. A listener's promise holds the pipe: a
 * write resolves only once what is on its way is within PIPE_WINDOW, so a writer that awaits
 * its writes is held back as a socket's would be.
 */
export function bytePipe(): [ByteStream, ByteStream] {
  const a = new PipeEnd();
  const b = new PipeEnd();
  a.peer = b;
  b.peer = a;
  return [a.stream(), b.stream()];
}

class PipeEnd {
  peer!: PipeEnd;
  private readonly listeners = new Set<DataListener>();
  private readonly endListeners = new Set<() => void>();
  /** Received and not yet delivered, in order; the end comes after them. */
  private readonly queue: Uint8Array[] = [];
  private queued = 0;
  private delivering = false;
  private ended = false;
  private endDelivered = false;
  private sentEnd = false;
  /** Writers of the other end waiting for this end's queue to shrink. */
  private readonly roomWaiters: (() => void)[] = [];

  receive(bytes: Uint8Array): Promise<void> {
    this.queue.push(bytes);
    this.queued += bytes.length;
    queueMicrotask(() => void this.deliver());
    if (this.queued <= PIPE_WINDOW) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  finish(): void {
    queueMicrotask(() => {
      this.ended = true;
      void this.deliver();
    });
  }

  stream(): ByteStream {
    return {
      onData: (listener) => {
        this.listeners.add(listener);
        queueMicrotask(() => void this.deliver());
        return this.remover(this.listeners, listener);
      },
      onEnd: (listener) => {
        this.endListeners.add(listener);
        if (this.endDelivered) queueMicrotask(listener);
        return this.remover(this.endListeners, listener);
      },
      write: async (bytes) => {
        if (this.sentEnd) return;
        await this.peer.receive(bytes.slice());
      },
      end: () => {
        if (this.sentEnd) return;
        this.sentEnd = true;
        this.peer.finish();
      },
    };
  }

  /** Hands the queue to the listeners a piece at a time, each after the last one's holds settled. */
  private async deliver(): Promise<void> {
    if (this.delivering) return;
    this.delivering = true;
    while (this.queue.length > 0 && this.listeners.size > 0) {
      const bytes = this.queue.shift()!;
      const holds = [...this.listeners].map((listener) => listener(bytes)).filter((held) => held !== undefined);
      if (holds.length > 0) await Promise.allSettled(holds);
      this.queued -= bytes.length;
      if (this.queued <= PIPE_WINDOW) for (const wake of this.roomWaiters.splice(0)) wake();
    }
    this.delivering = false;
    if (this.ended && this.queue.length === 0 && !this.endDelivered) {
      this.endDelivered = true;
      for (const listener of [...this.endListeners]) listener();
    }
  }

  private remover<T>(set: Set<T>, item: T): Disposable {
    return { dispose: () => set.delete(item) };
  }
}
