import type { Socket } from "node:net";
import type { ByteStream } from "../shared/byte-stream";

/** A Node socket as the engine's ByteStream (half-open allowed: attach's stdin end is a half close). */
export function socketStream(socket: Socket): ByteStream {
  let ended = false;
  /** Listeners' promises not yet settled: the socket reads nothing until none is left. */
  let holding = 0;
  socket.on("end", () => (ended = true));
  socket.on("close", () => (ended = true));
  // A client that goes away mid-write (EPIPE, ECONNRESET) is an end, never a crash.
  socket.on("error", () => socket.destroy());
  return {
    onData(listener) {
      const handler = (chunk: Buffer) => {
        const held = listener(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if (!held) return;
        if (holding++ === 0) socket.pause();
        const settled = () => {
          if (--holding === 0) socket.resume();
        };
        held.then(settled, settled);
      };
      socket.on("data", handler);
      return { dispose: () => socket.off("data", handler) };
    },
    onEnd(listener) {
      if (ended) {
        queueMicrotask(listener);
        return { dispose: () => undefined };
      }
      let called = false;
      const once = () => {
        if (called) return;
        called = true;
        listener();
      };
      socket.on("end", once);
      socket.on("close", once);
      return { dispose: () => (socket.off("end", once), socket.off("close", once)) };
    },
    write: (bytes) =>
      new Promise((resolve) => {
        if (socket.destroyed || !socket.writable) return resolve();
        socket.write(bytes, () => resolve());
      }),
    end: () => socket.end(),
  };
}
