/**
 * Docker's multiplexed stream (attach and logs without a tty): each chunk is preceded by eight
 * bytes, [stream, 0, 0, 0, size as big-endian uint32], stream 1 for stdout and 2 for stderr.
 */
export function stdioFrame(stream: "stdout" | "stderr", bytes: Uint8Array): Uint8Array {
  const frame = new Uint8Array(8 + bytes.length);
  frame[0] = stream === "stdout" ? 1 : 2;
  new DataView(frame.buffer).setUint32(4, bytes.length);
  frame.set(bytes, 8);
  return frame;
}
