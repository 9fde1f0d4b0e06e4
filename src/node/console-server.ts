import { chmod, rm } from "node:fs/promises";
import { createServer, type Socket } from "node:net";
import type { Disposable } from "../shared/disposable";
import { errorMessage } from "../shared/errors";
import { FRAME, FrameReader, encodeFrame, exitFrame, readResize, type Frame } from "./console-frames";
import type { GuestShell } from "./guest-shell";

/**
 * `drydock daemon` offers its guest's console at `path` (the protocol: console-frames.ts), for
 * `drydock shell`. Only the daemon's user may connect: the socket is made 0600 (by the umask
 * while it binds, so there is no moment it is open to others).
 */
export async function serveConsole(path: string, guest: GuestShell): Promise<{ close(): Promise<void> }> {
  const clients = new Set<Socket>();
  const server = createServer((socket) => {
    clients.add(socket);
    socket.on("close", () => clients.delete(socket));
    serveClient(socket, guest);
  });
  await rm(path, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    const umask = process.umask(0o177);
    try {
      server.listen(path, resolve);
    } finally {
      process.umask(umask);
    }
  });
  await chmod(path, 0o600);
  return {
    close: async () => {
      // The attached shells end with it (server.close alone would wait for them to leave).
      for (const socket of clients) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
      await rm(path, { force: true });
    },
  };
}

function serveClient(socket: Socket, guest: GuestShell): void {
  const reader = new FrameReader();
  const send = (frame: Uint8Array) => socket.writable && socket.write(frame);
  let attached: Disposable | undefined;
  let mode: "attach" | "run" | undefined;
  const onFrame = (frame: Frame) => {
    if (!mode) {
      if (frame.type !== FRAME.attach && frame.type !== FRAME.run) return socket.destroy();
      mode = frame.type === FRAME.attach ? "attach" : "run";
      void (mode === "attach" ? attach() : run(new TextDecoder().decode(frame.payload)));
      return;
    }
    if (mode !== "attach") return socket.destroy();
    if (frame.type === FRAME.data) inOrder(() => guest.write(frame.payload));
    else if (frame.type === FRAME.resize) {
      const { columns, rows } = readResize(frame.payload);
      inOrder(() => guest.resize(columns, rows));
    } else socket.destroy();
  };
  // What is typed after a resize reaches the guest once the guest has the new size.
  let order: Promise<unknown> = Promise.resolve();
  const inOrder = (step: () => unknown) => void (order = order.then(step).catch(() => undefined));
  const attach = async () => {
    // What the console prints before the screen is sent comes after it (the screen was taken first).
    let early: Uint8Array[] | undefined = [];
    const data = (chunk: Uint8Array) => send(encodeFrame(FRAME.data, chunk));
    const attachment = await guest.attach((chunk) => (early ? early.push(chunk) : data(chunk)), () => socket.end());
    if (socket.destroyed) return attachment.dispose();
    attached = attachment;
    data(attachment.screen);
    early.forEach(data);
    early = undefined;
  };
  const run = async (command: string) => {
    try {
      send(exitFrame(await guest.run(command, (bytes) => send(encodeFrame(FRAME.data, bytes)))));
    } catch (error) {
      send(encodeFrame(FRAME.error, new TextEncoder().encode(errorMessage(error))));
    }
    socket.end();
  };
  socket.on("data", (chunk) => {
    try {
      reader.push(chunk).forEach(onFrame);
    } catch {
      // Not our protocol (or a size frame that is not 4 bytes): the client is dropped, the guest is untouched.
      socket.destroy();
    }
  });
  socket.on("error", () => socket.destroy());
  socket.on("close", () => attached?.dispose());
}
