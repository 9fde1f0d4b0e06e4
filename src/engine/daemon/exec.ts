import type { ByteStream } from "../../shared/byte-stream";
import type { ExecConfig } from "../../shared/engine-api/exec";
import { Exec } from "../container/exec";
import { StdinBuffer } from "../container/stdin-buffer";
import { stdioFrame } from "../container/stdio-frame";
import { StartFailure } from "../runtime/runtime";
import type { DaemonCore } from "./core";
import { execAlreadyRan, execNotStarted, execStartFailed, noSuchExec, notRunning, pausedBeforeExec } from "./errors";
import { checkArgsAndEnv, execProcessConfig } from "./runtime-config";
import type { StreamSession } from "./streams";

type ConsoleSize = readonly [number, number] | undefined;

/** Exec instances: made in a running container, run once, inspected for their exit codes. */
export class Execs {
  private readonly execs = new Map<string, Exec>();

  constructor(private readonly core: DaemonCore) {}

  /** `POST /containers/{id}/exec`. */
  async create(nameOrId: string, config: ExecConfig): Promise<{ Id: string }> {
    const container = this.core.containers.get(nameOrId);
    if (!container.state.Running) throw notRunning(container.id);
    if (container.state.Paused) throw pausedBeforeExec(nameOrId);
    // An empty Cmd is the router's 400 (it reads the body), as moby's.
    const cmd = config.Cmd ?? [];
    checkArgsAndEnv(cmd, [...(container.config.Env ?? []), ...(config.Env ?? [])]);
    const exec = new Exec(this.core.newId(), container.id, config);
    this.execs.set(exec.id, exec);
    this.core.events.container(container, `exec_create: ${cmd.join(" ")}`, { execID: exec.id });
    return { Id: exec.id };
  }

  /** `GET /exec/{id}/json`. */
  async inspect(id: string): Promise<Exec> {
    return this.get(id);
  }

  /** `POST /exec/{id}/start` with Detach: it runs on its own, its output nowhere. */
  async startDetached(id: string, consoleSize: ConsoleSize): Promise<void> {
    const exec = this.unstarted(id);
    void this.run(exec, undefined, new Uint8Array(0), consoleSize).catch(() => undefined);
  }

  /**
   * `POST /exec/{id}/start`, attached: its output goes to the connection, the connection's bytes
   * to its stdin; a process that cannot start says so on the stream, as Docker's does.
   */
  async startAttached(id: string, consoleSize: ConsoleSize): Promise<StreamSession> {
    const exec = this.unstarted(id);
    return { tty: exec.config.Tty ?? false, serve: (connection, early) => this.run(exec, connection, early, consoleSize) };
  }

  /** `POST /exec/{id}/resize`. */
  async resize(id: string, rows: number, cols: number): Promise<void> {
    const exec = this.get(id);
    if (!exec.process) throw execNotStarted();
    await exec.process.resize(rows, cols);
  }

  private get(id: string): Exec {
    const exec = this.execs.get(id);
    if (!exec) throw noSuchExec(id);
    return exec;
  }

  private unstarted(id: string): Exec {
    const exec = this.get(id);
    if (exec.started) throw execAlreadyRan(exec.id);
    return exec;
  }

  /** A console size given at start wins over the one given at create. */
  private async run(exec: Exec, connection: ByteStream | undefined, early: Uint8Array, consoleSize: ConsoleSize): Promise<void> {
    this.unstarted(exec.id);
    const container = this.core.containers.get(exec.containerId);
    if (!container.state.Running) throw notRunning(container.id);
    exec.startRequested();
    const config = exec.config;
    // Listen before the first await: a client's bytes (and its end) can come at once.
    const stdin = new StdinBuffer();
    if (connection && config.AttachStdin) {
      stdin.write(early);
      connection.onData((bytes) => stdin.write(bytes));
      connection.onEnd(() => stdin.end());
    }
    this.core.events.container(container, `exec_start: ${(config.Cmd ?? []).join(" ")}`, { execID: exec.id });
    const image = await this.core.images.get(container.imageId);
    const tty = config.Tty ?? false;
    const frame = (stream: "stdout" | "stderr", bytes: Uint8Array) => (tty ? bytes : stdioFrame(stream, bytes));
    let exitCode: number | null = null;
    try {
      const size = consoleSize ?? config.ConsoleSize;
      const process = await this.core.runtime.exec(container.id, execProcessConfig(config, container, image, { attached: connection !== undefined, size }));
      exec.began(process);
      if (connection) {
        process.onOutput(async (stream, bytes) => {
          if (stream === "stdout" ? config.AttachStdout !== false : config.AttachStderr !== false) await connection.write(frame(stream, bytes));
        });
      }
      stdin.connect(process);
      exitCode = (await process.wait().catch(() => ({ exitCode: 255 }))).exitCode;
    } catch (error) {
      if (!(error instanceof StartFailure)) throw error;
      exitCode = error.exitCode;
      if (connection) await connection.write(frame("stdout", new TextEncoder().encode(execStartFailed(error.message))));
    } finally {
      exec.ended(exitCode);
      this.core.events.container(container, "exec_die", { execID: exec.id, exitCode: String(exec.exitCode) });
      connection?.end();
    }
  }
}
