import type { Disposable } from "./disposable";

/**
 * A connection's bytes, both ways: a Node socket (UNIX or TCP), or a stream inside the tab.
 * The HTTP server and hijacked streams (attach, exec) speak over it.
 */
export interface ByteStream {
  /**
   * A listener that returns a promise holds the stream back until it settles (backpressure: a
   * socket stops reading, the page is given no more credit); nothing more is delivered meanwhile.
   */
  onData(listener: (bytes: Uint8Array) => void | Promise<void>): Disposable;
  /** The peer finished sending (a half close) or the connection dropped. */
  onEnd(listener: () => void): Disposable;
  /** Resolves when the bytes are handed on (backpressure: wait before writing more). */
  write(bytes: Uint8Array): Promise<void>;
  /** Ends our side; the connection closes once the peer has ended too. */
  end(): void;
}
