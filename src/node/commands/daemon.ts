import { rmSync } from "node:fs";
import { join } from "node:path";
import { connect, createServer, type Server } from "node:net";
import { parseArgs } from "node:util";
import { serveConnection } from "../../engine/api/http/server";
import { DrydockError } from "../../shared/errors";
import { CONSOLE_SOCKET } from "../console-frames";
import { serveConsole } from "../console-server";
import { dataRootOption, startDockerHost, takeDataRoot } from "../docker-host";
import { hostShell } from "../guest-shell";
import { socketStream } from "../socket-stream";

export const usage = `Usage: drydock daemon [--host ADDRESS ...] [--data-root DIR] [--ip IP]

Start the Docker daemon: the Engine API on a UNIX socket or TCP address, in front of the guest
VM. The official docker CLI, Docker SDKs and curl talk to it:

  drydock daemon --host unix:///tmp/drydock.sock
  docker -H unix:///tmp/drydock.sock run --rm hello-world

Options:
  -H, --host ADDRESS   unix:///path/to.sock or tcp://127.0.0.1:2375 (repeatable;
                       default unix:///tmp/drydock.sock)
      --data-root DIR  where images and containers are kept between runs
                       (default ~/.local/share/drydock)
      --ip IP          the address published ports (-p) bind on this machine when
                       they name none (default 0.0.0.0), as dockerd's --ip

While it runs, DIR/console.sock offers the guest VM's console to \`drydock shell
--data-root DIR\` (the same Docker host: its containers and images), to this user only
(mode 0600). Its protocol is described in src/node/console-frames.ts.`;

export async function daemon(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { host: { type: "string", short: "H", multiple: true }, "data-root": { type: "string" }, ip: { type: "string" } } });
  const dataRoot = dataRootOption(values["data-root"]);
  const hosts = values.host?.length ? values.host : ["unix:///tmp/drydock.sock"];
  const addresses = hosts.map(parseHost);
  const root = await takeDataRoot(dataRoot, "daemon");
  for (const address of addresses) {
    if (address.path && (await answers(address.path))) {
      await root.release();
      throw new DrydockError("Conflict", `unix://${address.path} is in use: another daemon answers on it`);
    }
  }
  const host = await startDockerHost(root, values.ip ? { bindIp: values.ip } : {});
  const { engine } = host;
  const consoleServer = await serveConsole(join(dataRoot, CONSOLE_SOCKET), hostShell(host));
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
  await consoleServer.close();
  await host.stop();
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
