import { concatBytes } from "../../../shared/bytes";
import type { RequestBody } from "./request-body";
import type { RequestReader } from "./request";

/** Small pieces (a body sent in tiny chunks) are joined up to this into one read. */
const GATHER = 64 * 1024;

/**
 * The body of the request being served, read from the connection's reader as the handler asks.
 * The server calls `arrived` when bytes (or the connection's end) come, and learns through
 * `taken` that the handler took some, so that it can let a held connection go on.
 */
export class IncomingBody implements RequestBody {
  /** Body bytes handed out so far. */
  received = 0;
  private done = false;
  private waiting: (() => void) | undefined;

  constructor(
    private readonly reader: RequestReader,
    readonly length: number | undefined,
    private readonly taken: () => void,
  ) {}

  /** Whether the body was read to its end. */
  get whole(): boolean {
    return this.done;
  }

  arrived(): void {
    const wake = this.waiting;
    this.waiting = undefined;
    wake?.();
  }

  async read(): Promise<Uint8Array | undefined> {
    for (;;) {
      if (this.done) return undefined;
      const piece = this.reader.readBody();
      if (piece === "end") {
        this.done = true;
        this.taken();
        return undefined;
      }
      if (piece) {
        const bytes = piece.length < GATHER ? this.gather(piece) : piece;
        this.received += bytes.length;
        this.taken();
        return bytes;
      }
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (let bytes = await this.read(); bytes; bytes = await this.read()) yield bytes;
  }

  /** The piece with the small ones that have come after it: one read, not one per tiny chunk. */
  private gather(first: Uint8Array): Uint8Array {
    const pieces = [first];
    let size = first.length;
    while (size < GATHER) {
      let piece: ReturnType<RequestReader["readBody"]>;
      try {
        piece = this.reader.readBody();
      } catch {
        // The bytes before the fault are good; the next read meets the refusal.
        break;
      }
      if (piece === "end") this.done = true;
      if (!(piece instanceof Uint8Array)) break;
      pieces.push(piece);
      size += piece.length;
    }
    return pieces.length === 1 ? first : concatBytes(pieces);
  }
}
