import type { ByteStream } from "./byte-stream";
import { Emitter } from "./disposable";

/**
 * Two connected ByteStreams, like the two ends of a socket, inside one process: what one end
 * writes the other receives (in a later microtask, never re-entrantly); `end` is a half close.
 * Bytes sent before the other end listens wait for it.
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
  private readonly data = new Emitter<Uint8Array>();
  private readonly end = new Emitter<void>();
  private waiting: Uint8Array[] = [];
  private ended = false;
  private sentEnd = false;

  receive(bytes: Uint8Array): void {
    queueMicrotask(() => {
      if (this.data.size === 0) this.waiting.push(bytes);
      else this.data.emit(bytes);
    });
  }

  finish(): void {
    queueMicrotask(() => {
      this.ended = true;
      if (this.waiting.length === 0) this.end.emit();
    });
  }

  stream(): ByteStream {
    return {
      onData: (listener) => {
        const subscription = this.data.on(listener);
        const waiting = this.waiting;
        this.waiting = [];
        for (const bytes of waiting) listener(bytes);
        if (this.ended && waiting.length > 0) queueMicrotask(() => this.end.emit());
        return subscription;
      },
      onEnd: (listener) => {
        if (this.ended && this.waiting.length === 0) queueMicrotask(listener);
        return this.end.on(listener);
      },
      write: async (bytes) => {
        if (this.sentEnd) return;
        this.peer.receive(bytes.slice());
      },
      end: () => {
        if (this.sentEnd) return;
        this.sentEnd = true;
        this.peer.finish();
      },
    };
  }
}
