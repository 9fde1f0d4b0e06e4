import { DrydockError } from "../shared/errors";

/**
 * The protocol of `drydock daemon`'s console socket (DATA-ROOT/console.sock), by which
 * `drydock shell` reaches the daemon's guest. Both ways, frames of
 *   [type: 1 byte][payload length: 4 bytes, big-endian][payload].
 * The client's first frame says what it wants:
 *   attach (no payload): the server sends the console's current line (its prompt), then all the
 *     console prints, as data; the client sends what is typed as data and its terminal's size as
 *     resize (columns, rows: 2 bytes each, big-endian). Closing leaves the guest as it is.
 *   run (the command, UTF-8): the server sends the command's output as data, then its exit
 *     status as exit (4 bytes, big-endian, signed) or why it could not run as error (UTF-8), and
 *     closes.
 */
/** The console socket's name in the data root. */
export const CONSOLE_SOCKET = "console.sock";

export const FRAME = { attach: 1, run: 2, data: 3, resize: 4, exit: 5, error: 6 } as const;
export type FrameType = (typeof FRAME)[keyof typeof FRAME];

export interface Frame {
  type: FrameType;
  payload: Uint8Array;
}

const HEADER = 5;
// Far above any chunk either side sends (a console flush, a read of stdin): more is not a client of ours.
const MAX_PAYLOAD = 1 << 20;
const TYPES = new Set<number>(Object.values(FRAME));

export function encodeFrame(type: FrameType, payload: Uint8Array = new Uint8Array()): Uint8Array {
  const frame = new Uint8Array(HEADER + payload.length);
  frame[0] = type;
  new DataView(frame.buffer).setUint32(1, payload.length);
  frame.set(payload, HEADER);
  return frame;
}

export const resizeFrame = (columns: number, rows: number) => encodeFrame(FRAME.resize, u16Pair(columns, rows));
export const exitFrame = (status: number) => encodeFrame(FRAME.exit, int32(status));

export function readResize(payload: Uint8Array): { columns: number; rows: number } {
  const view = view4(payload);
  return { columns: view.getUint16(0), rows: view.getUint16(2) };
}

export function readExit(payload: Uint8Array): number {
  return view4(payload).getInt32(0);
}

/** Cuts a byte stream into frames, whatever its chunks; refuses what is not this protocol. */
export class FrameReader {
  private buffer = new Uint8Array();

  push(chunk: Uint8Array): Frame[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    const frames: Frame[] = [];
    let at = 0;
    while (joined.length - at >= HEADER) {
      const type = joined[at]!;
      const length = new DataView(joined.buffer, at + 1, 4).getUint32(0);
      if (!TYPES.has(type) || length > MAX_PAYLOAD) throw new DrydockError("InvalidParameter", `not a console frame (type ${type}, ${length} bytes)`);
      if (joined.length - at - HEADER < length) break;
      frames.push({ type: type as FrameType, payload: joined.slice(at + HEADER, at + HEADER + length) });
      at += HEADER + length;
    }
    this.buffer = joined.slice(at);
    return frames;
  }
}

function u16Pair(a: number, b: number): Uint8Array {
  const bytes = new Uint8Array(4);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, a);
  view.setUint16(2, b);
  return bytes;
}

function int32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, value);
  return bytes;
}

function view4(payload: Uint8Array): DataView {
  if (payload.length !== 4) throw new DrydockError("InvalidParameter", `a console frame of ${payload.length} bytes where 4 belong`);
  return new DataView(payload.buffer, payload.byteOffset, 4);
}
