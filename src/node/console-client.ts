import { connect, type Socket } from "node:net";
import { join } from "node:path";
import { DrydockError } from "../shared/errors";
import { CONSOLE_SOCKET, FRAME, FrameReader, encodeFrame, readExit, resizeFrame, type Frame } from "./console-frames";
import type { GuestShell } from "./guest-shell";

const TAIL_BYTES = 8192;

/**
 * The guest console of the `drydock daemon` using `dataRoot`, through its console socket; none
 * when no daemon answers there (a socket file a killed daemon left behind refuses connections).
 */
export async function daemonShell(dataRoot: string): Promise<GuestShell | undefined> {
  const path = join(dataRoot, CONSOLE_SOCKET);
  const socket = await new Promise<Socket | undefined>((resolve, reject) => {
    const socket = connect(path);
    socket.once("connect", () => resolve(socket));
    socket.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT" || error.code === "ECONNREFUSED") return resolve(undefined);
      const why = error.code === "EACCES" ? "it is another user's" : error.message;
      reject(new DrydockError("Forbidden", `cannot reach the console of the drydock daemon using ${dataRoot} (${path}): ${why}`, { cause: error }));
    });
  });
  if (!socket) return undefined;

  const reader = new FrameReader();
  let onFrame: (frame: Frame) => void = () => {};
  let onClose = () => {};
  let tail = "";
  const closed = new Promise<void>((resolve) => socket.once("close", () => (onClose(), resolve())));
  socket.on("data", (chunk) => {
    try {
      reader.push(chunk).forEach((frame) => onFrame(frame));
    } catch {
      socket.destroy();
    }
  });
  socket.on("error", () => socket.destroy());
  const send = (frame: Uint8Array) => void (socket.writable && socket.write(frame));
  const gone = () => new DrydockError("Unavailable", `the drydock daemon using ${dataRoot} went away`);

  return {
    attachedTo: `the guest console of the drydock daemon using ${dataRoot} (it keeps running when you leave)`,
    attach: (onData, onEnd) =>
      new Promise((resolve, reject) => {
        const detach = () => ((onFrame = () => {}), (onClose = () => {}));
        // The first data frame is the screen, the rest what the console prints.
        let screen: Uint8Array | undefined;
        onFrame = (frame) => {
          if (frame.type !== FRAME.data) return;
          tail = (tail + Buffer.from(frame.payload).toString("latin1")).slice(-TAIL_BYTES);
          if (screen) return onData(frame.payload);
          screen = frame.payload;
          onClose = onEnd;
          resolve({ screen, dispose: detach });
        };
        onClose = () => reject(gone());
        send(encodeFrame(FRAME.attach));
      }),
    write: (data) => send(encodeFrame(FRAME.data, data)),
    // The daemon handles a connection's frames in order: what is typed next waits for the size.
    resize: async (columns, rows) => send(resizeFrame(columns, rows)),
    tail: () => tail,
    run: (command, onOutput) =>
      new Promise((resolve, reject) => {
        onFrame = (frame) => {
          if (frame.type === FRAME.data) onOutput(frame.payload);
          else if (frame.type === FRAME.exit) resolve(readExit(frame.payload));
          else if (frame.type === FRAME.error) reject(new DrydockError("Unavailable", new TextDecoder().decode(frame.payload)));
        };
        onClose = () => reject(gone());
        send(encodeFrame(FRAME.run, new TextEncoder().encode(command)));
      }),
    close: async () => {
      onClose = () => {};
      socket.end();
      await closed;
    },
  };
}
