import { rmSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { createServer, type Server } from "node:net";
import { parseArgs } from "node:util";
import { serveConnection } from "../../engine/api/http/server";
import { createEngine } from "../../engine/daemon/engine";
import { DrydockError } from "../../shared/errors";
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
  const machine = await startMachine();
  const engine = await createEngine({
    machine,
    images: new FsImageSource(IMAGES_DIR),
    blobs: new FsBlobStore(join(dataRoot, "blobs")),
    kv: new FsKvStore(join(dataRoot, "records")),
  });
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
  return 0;
}

function parseHost(text: string): { path?: string; host?: string; port?: number } {
  if (text.startsWith("unix://")) return { path: text.slice("unix://".length) };
  const tcp = /^tcp:\/\/([^:/]+):(\d+)$/.exec(text);
  if (tcp) return { host: tcp[1]!, port: Number(tcp[2]) };
  throw new DrydockError("InvalidParameter", `invalid host address ${JSON.stringify(text)}: use unix:///path or tcp://host:port`);
}
