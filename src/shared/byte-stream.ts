import type { Disposable } from "./disposable";

/**
 * A connection's bytes, both ways: a Node socket (UNIX or TCP), or a stream inside the tab.
 * The HTTP server and hijacked streams (attach, exec) speak over it.
 */
export interface ByteStream {
  onData(listener: (bytes: Uint8Array) => void): Disposable;
  /** The peer finished sending (a half close) or the connection dropped. */
  onEnd(listener: () => void): Disposable;
  /** Resolves when the bytes are handed on (backpressure: wait before writing more). */
  write(bytes: Uint8Array): Promise<void>;
  /** Ends our side; the connection closes once the peer has ended too. */
  end(): void;
}
