import type { ByteStream } from "../../../shared/byte-stream";
import type { Container, WaitCondition } from "../../container/container";
import { stdioFrame } from "../../container/stdio-frame";
import type { DaemonCore } from "../core";
import { notRunning } from "../errors";
import type { StreamSession } from "../streams";

export interface AttachOptions {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  /** The output so far first. */
  logs: boolean;
  /** The client's detach sequence (Ctrl-P Ctrl-Q by default). */
  detachKeys: readonly number[];
}

/** `POST /containers/{id}/attach`: the container's streams, once the connection is handed over. */
export async function attach(core: DaemonCore, nameOrId: string, options: AttachOptions): Promise<StreamSession> {
  const container = core.containers.get(nameOrId);
  return { tty: container.tty, serve: (connection, early) => serveAttach(core, container, connection, options, early) };
}

async function serveAttach(core: DaemonCore, container: Container, connection: ByteStream, options: AttachOptions, early: Uint8Array): Promise<void> {
  // Listen before the first await: a client's bytes (and its end) can come at once.
  const stdinDone = options.stdin ? container.attachStdin(connection, early, options.detachKeys) : undefined;
  core.events.container(container, "attach");
  if (options.logs) {
    for (const entry of container.logs.all()) {
      if (entry.stream === "stdout" ? options.stdout : options.stderr) await connection.write(container.tty ? entry.bytes : stdioFrame(entry.stream, entry.bytes));
    }
  }
  if (!container.state.Running && container.state.Status !== "created") {
    connection.end();
    return;
  }
  await Promise.all([container.attachOutput(connection, options), stdinDone]);
}

/** `POST /containers/{id}/resize`: the first process's terminal. */
export async function resize(core: DaemonCore, nameOrId: string, rows: number, cols: number): Promise<void> {
  const container = core.containers.get(nameOrId);
  if (!container.process) throw notRunning(container.id);
  await container.process.resize(rows, cols);
}

/**
 * `POST /containers/{id}/wait`: the container is found now (a 404 goes out as such); its exit
 * code comes later, after the reply's head.
 */
export async function wait(core: DaemonCore, nameOrId: string, condition: WaitCondition): Promise<{ exitCode: Promise<number> }> {
  return { exitCode: core.containers.get(nameOrId).wait(condition) };
}
