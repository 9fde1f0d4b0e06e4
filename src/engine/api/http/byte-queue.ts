import { concatBytes } from "../../../shared/bytes";

/**
 * Received bytes not yet read, kept as the pieces they came in (never joined on arrival),
 * read from the front. Reading a piece's start leaves a view of its rest, not a copy.
 */
export class ByteQueue {
  private pieces: Uint8Array[] = [];
  /** Index of the front piece: the ones before it are read, dropped only now and then. */
  private first = 0;
  length = 0;

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.pieces.push(bytes);
    this.length += bytes.length;
  }

  front(): Uint8Array | undefined {
    return this.pieces[this.first];
  }

  /** Reads `count` bytes off the front piece (no more than it holds). */
  consume(count: number): void {
    const piece = this.pieces[this.first]!;
    this.length -= count;
    if (count < piece.length) {
      this.pieces[this.first] = piece.subarray(count);
      return;
    }
    this.first++;
    // Dropping each read piece at once would move the whole list each time; once half are read, one move.
    if (this.first * 2 >= this.pieces.length) {
      this.pieces = this.pieces.slice(this.first);
      this.first = 0;
    }
  }

  /** Everything held, in one array; the queue is left empty. */
  drain(): Uint8Array {
    const all = concatBytes(this.pieces.slice(this.first));
    this.clear();
    return all;
  }

  clear(): void {
    this.pieces = [];
    this.first = 0;
    this.length = 0;
  }
}
