import type { ByteStream } from "../../shared/byte-stream";

/**
 * A container's or an exec's streams, to be served on a connection the API hands over (Docker's
 * hijack): `tty` says, before the first byte, whether they come raw or multiplexed.
 */
export interface StreamSession {
  tty: boolean;
  /** `early`: what the client sent after its request, before the reply's head went out. */
  serve(connection: ByteStream, early: Uint8Array): Promise<void>;
}

/** Output as `docker logs` reads it: raw with a tty, multiplexed otherwise. */
export interface LogStream {
  tty: boolean;
  stream: AsyncIterable<Uint8Array>;
}
