import { rmSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { connect, createServer, type Server } from "node:net";
import { parseArgs } from "node:util";
import { serveConnection } from "../../engine/api/http/server";
import { createEngine } from "../../engine/engine";
import { DrydockError } from "../../shared/errors";
import { lockDataRoot } from "../data-root-lock";
import { FsImageSource } from "../fs-image-source";
import { IMAGES_DIR } from "../paths";
import { socketStream } from "../socket-stream";
import { FsBlobStore } from "../storage/fs-blob-store";
import { FsKvStore } from "../storage/fs-kv-store";
import { startMachine } from "../start-machine";

export const usage = `Usage: drydock daemon [--host ADDRESS ...] [--data-root DIR]

Start the Docker daemon: the Engine API on a UNIX socket or TCP address, in front of the guest
VM. The official docker CLI, Docker SDKs and curl talk to it:

  drydock daemon --host unix:///tmp/drydock.sock
  docker -H unix:///tmp/drydock.sock run --rm hello-world

Options:
  -H, --host ADDRESS   unix:///path/to.sock or tcp://127.0.0.1:2375 (repeatable;
                       default unix:///tmp/drydock.sock)
      --data-root DIR  where images are kept between runs (default
                       ~/.local/share/drydock)`;

export async function daemon(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { host: { type: "string", short: "H", multiple: true }, "data-root": { type: "string" } } });
  const dataRoot = resolve(values["data-root"] ?? join(homedir(), ".local", "share", "drydock"));
  const hosts = values.host?.length ? values.host : ["unix:///tmp/drydock.sock"];
  const addresses = hosts.map(parseHost);
  const lock = await lockDataRoot(dataRoot);
  for (const address of addresses) if (address.path && (await answers(address.path))) throw new DrydockError("Conflict", `unix://${address.path} is in use: another daemon answers on it`);
  const blobs = new FsBlobStore(join(dataRoot, "blobs"));
  const kv = new FsKvStore(join(dataRoot, "records"));
  // Ours alone now (the lock): what a killed daemon was writing never completed.
  await blobs.removeLeftovers();
  await kv.removeLeftovers();
  const machine = await startMachine();
  const engine = await createEngine({ machine, images: new FsImageSource(IMAGES_DIR), blobs, kv });
  const servers: Server[] = [];
  for (const address of addresses) {
    const server = createServer({ allowHalfOpen: true }, (socket) => void serveConnection(socketStream(socket), engine.handle));
    if (address.path) rmSync(address.path, { force: true });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      if (address.path) server.listen(address.path, resolve);
      else server.listen(address.port, address.host, resolve);
    });
    servers.push(server);
    console.log(`drydock: API listening on ${address.path ?? `${address.host}:${address.port}`}`);
  }
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  for (const server of servers) server.close();
  for (const address of addresses) if (address.path) rmSync(address.path, { force: true });
  await machine.stop();
  await lock.release();
  return 0;
}

/** True when something accepts connections on the UNIX socket at `path` (a stale file does not). */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

function parseHost(text: string): { path?: string; host?: string; port?: number } {
  if (text.startsWith("unix://")) return { path: text.slice("unix://".length) };
  const tcp = /^tcp:\/\/([^:/]+):(\d+)$/.exec(text);
  if (tcp) return { host: tcp[1]!, port: Number(tcp[2]) };
  throw new DrydockError("InvalidParameter", `invalid host address ${JSON.stringify(text)}: use unix:///path or tcp://host:port`);
}
