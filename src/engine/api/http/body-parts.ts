import { concatBytes } from "../../../shared/bytes";

/** Parts shorter than this are copied into a shared block rather than kept as views. */
const SMALL = 4096;
/** Blocks grow with the body up to this, so a small body costs a small block. */
const MAX_BLOCK = 64 * 1024;

/**
 * A body as it arrives: views of the received pieces, joined once at the end. Small parts
 * (a body sent in one-byte chunks, say) are gathered into blocks instead, so the list stays
 * short and a few bytes never keep a whole received piece alive.
 */
export class BodyParts {
  private parts: Uint8Array[] = [];
  private block: Uint8Array | undefined;
  private blockUsed = 0;
  length = 0;

  add(bytes: Uint8Array): void {
    this.length += bytes.length;
    if (bytes.length >= SMALL) {
      this.closeBlock();
      this.parts.push(bytes);
      return;
    }
    if (this.block && this.blockUsed + bytes.length > this.block.length) this.closeBlock();
    this.block ??= new Uint8Array(Math.min(MAX_BLOCK, Math.max(SMALL, 2 * this.length)));
    this.block.set(bytes, this.blockUsed);
    this.blockUsed += bytes.length;
  }

  /** The whole body in one array (its one copy); the parts are let go. */
  join(): Uint8Array {
    this.closeBlock();
    const body = concatBytes(this.parts);
    this.parts = [];
    this.length = 0;
    return body;
  }

  private closeBlock(): void {
    if (this.block && this.blockUsed > 0) this.parts.push(this.block.subarray(0, this.blockUsed));
    this.block = undefined;
    this.blockUsed = 0;
  }
}
