import { concatBytes } from "../../../shared/bytes";

/**
 * Docker's multiplexed stream (attach and logs without a tty): frames of an 8-byte header
 * (stream: 0 stdin, 1 stdout, 2 stderr, 3 system error; then a big-endian u32 length) and
 * the payload. Frames may arrive split or joined; push hands back the whole ones.
 */
export class StdcopyReader {
  private buffer: Uint8Array = new Uint8Array(0);

  push(bytes: Uint8Array): { stream: number; payload: Uint8Array }[] {
    this.buffer = this.buffer.length ? concatBytes([this.buffer, bytes]) : bytes;
    const frames: { stream: number; payload: Uint8Array }[] = [];
    let pos = 0;
    while (this.buffer.length - pos >= 8) {
      const view = new DataView(this.buffer.buffer, this.buffer.byteOffset + pos, 8);
      const length = view.getUint32(4, false);
      if (this.buffer.length - pos - 8 < length) break;
      frames.push({ stream: this.buffer[pos]!, payload: this.buffer.slice(pos + 8, pos + 8 + length) });
      pos += 8 + length;
    }
    this.buffer = this.buffer.slice(pos);
    return frames;
  }
}
