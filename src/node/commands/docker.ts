import { connect } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";
import { runCli, type Connector } from "../../engine/cli/cli";
import type { CliIo } from "../../engine/cli/io";
import { DrydockError } from "../../shared/errors";
import { clientFiles } from "../client-files";
import { socketStream } from "../socket-stream";

export const usage = `Usage: drydock docker [OPTIONS] COMMAND

Drydock's own docker CLI (the one the guest's terminal runs), against the daemon at -H,
DOCKER_HOST or the current docker context, by default unix:///tmp/drydock.sock (where
\`drydock daemon\` listens). Its contexts and config.json are Drydock's own, in
~/.config/drydock/docker, so the docker CLI's current context (Docker Desktop's, say) does not
send its commands elsewhere; DOCKER_CONFIG=~/.docker shares the docker CLI's.

  drydock daemon &
  drydock docker run --rm hello-world

Run 'drydock docker --help' for the docker commands.`;

/** unix:///path or tcp://host:port, opened with node:net. */
const connectNode: Connector = (host) => () =>
  new Promise((done, fail) => {
    const unix = host.startsWith("unix://") ? host.slice("unix://".length) : undefined;
    const tcp = /^tcp:\/\/([^:/]+):(\d+)\/?$/.exec(host);
    if (!unix && !tcp) return fail(new DrydockError("InvalidParameter", `unsupported protocol in ${host}`));
    const socket = unix ? connect({ path: unix, allowHalfOpen: true }) : connect({ host: tcp![1]!, port: Number(tcp![2]), allowHalfOpen: true });
    socket.once("connect", () => done(socketStream(socket)));
    socket.once("error", (error: NodeJS.ErrnoException) =>
      // A name that does not resolve is told apart, as Go's dialer tells it (docker names the request).
      fail(error.code === "ENOTFOUND" ? new DrydockError("NotFound", `dial tcp: lookup ${tcp![1]}: no such host`) : error),
    );
  });

/** This process's terminal and stdio as the CLI's. */
function processIo(): CliIo {
  const { stdin, stdout, stderr } = process;
  // A reader that went away (`drydock docker events | head -1`) ends us as SIGPIPE ends docker.
  for (const stream of [stdout, stderr]) stream.on("error", (error: NodeJS.ErrnoException) => error.code === "EPIPE" && process.exit(141));
  const output = (stream: NodeJS.WriteStream) => ({
    isTty: Boolean(stream.isTTY),
    write: (data: string | Uint8Array) => new Promise<void>((done) => stream.write(data, () => done())),
  });
  return {
    stdin: {
      isTty: Boolean(stdin.isTTY),
      read(onData, onEnd) {
        const data = (chunk: Buffer) => onData(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        stdin.on("data", data);
        stdin.once("end", onEnd);
        stdin.resume();
        return {
          dispose: () => {
            stdin.off("data", data);
            stdin.off("end", onEnd);
            stdin.pause();
          },
        };
      },
    },
    stdout: output(stdout),
    stderr: output(stderr),
    // Drydock's own config dir unless told: Docker's ~/.docker names Docker Desktop's daemon as
    // the current context on many machines, and drydock docker must not act on it unasked.
    env: { ...process.env, DOCKER_CONFIG: process.env.DOCKER_CONFIG || join(process.env.XDG_CONFIG_HOME || join(homedir(), ".config"), "drydock", "docker") },
    cwd: process.cwd(),
    size: () => (stdout.isTTY ? { rows: stdout.rows, cols: stdout.columns } : undefined),
    onResize(listener) {
      const handler = () => listener({ rows: stdout.rows, cols: stdout.columns });
      stdout.on("resize", handler);
      return { dispose: () => stdout.off("resize", handler) };
    },
    async setRaw(raw) {
      if (stdin.isTTY) stdin.setRawMode(raw);
    },
    ...clientFiles(process.cwd()),
    onSignal(listener) {
      const signals: [NodeJS.Signals, number][] = [["SIGINT", 2], ["SIGTERM", 15], ["SIGHUP", 1]];
      const handlers = signals.map(([name, number]) => [name, () => listener(number)] as const);
      for (const [name, handler] of handlers) process.on(name, handler);
      return { dispose: () => handlers.forEach(([name, handler]) => process.off(name, handler)) };
    },
  };
}

export function docker(argv: string[]): Promise<number> {
  return runCli(argv, processIo(), { connect: connectNode, defaultHost: "unix:///tmp/drydock.sock" });
}
