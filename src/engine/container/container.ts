import type { ContainerCreateBody, ContainerState } from "../../shared/engine-api";
import type { ByteStream } from "../../shared/byte-stream";
import type { ExitStatus, RuntimeProcess } from "../runtime/runtime";
import { DetachScanner } from "./detach-keys";
import { LogBuffer } from "./log-buffer";
import { StdinBuffer } from "./stdin-buffer";
import { stdioFrame } from "./stdio-frame";

export const ZERO_TIME = "0001-01-01T00:00:00Z";

export type WaitCondition = "not-running" | "next-exit" | "removed";

interface Attachment {
  connection: ByteStream;
  stdout: boolean;
  stderr: boolean;
}

/**
 * A container as the daemon holds it: its record (what inspect shows) and, while it runs, its
 * process, the clients attached to its streams, and whoever waits for it.
 */
export class Container {
  readonly logs = new LogBuffer();
  restartCount = 0;
  /** Stopped by a user (stop, kill): the restart policy leaves it alone. */
  manuallyStopped = false;
  process: RuntimeProcess | undefined;
  state: ContainerState = {
    Status: "created",
    Running: false,
    Paused: false,
    Restarting: false,
    OOMKilled: false,
    Dead: false,
    Pid: 0,
    ExitCode: 0,
    Error: "",
    StartedAt: ZERO_TIME,
    FinishedAt: ZERO_TIME,
  };
  private readonly attachments = new Set<Attachment>();
  /** Stdin from attached clients, held until the process exists. */
  private stdin = new StdinBuffer();
  private waiters: { condition: WaitCondition; resolve: (code: number) => void }[] = [];

  constructor(
    readonly id: string,
    public name: string,
    readonly created: string,
    readonly imageId: string,
    readonly config: ContainerCreateBody,
    readonly path: string,
    readonly args: string[],
  ) {}

  get tty(): boolean {
    return this.config.Tty === true;
  }

  /** The process started: its output goes to the log and to every attached client. */
  started(process: RuntimeProcess): void {
    this.process = process;
    this.state = { ...this.state, Status: "running", Running: true, Paused: false, Pid: process.pid, ExitCode: 0, Error: "", OOMKilled: false, StartedAt: new Date().toISOString(), FinishedAt: ZERO_TIME };
    process.onOutput(async (stream, bytes) => {
      this.logs.append({ stream, time: Date.now(), bytes });
      const frame = this.tty ? bytes : stdioFrame(stream, bytes);
      await Promise.all(
        [...this.attachments].filter((a) => (stream === "stdout" ? a.stdout : a.stderr)).map((a) => a.connection.write(frame).catch(() => this.attachments.delete(a))),
      );
    });
    this.stdin.connect(process);
  }

  /** The process ended: record it, release waiters for the exit, end attached streams. */
  exited(status: ExitStatus | undefined, error = ""): void {
    this.process = undefined;
    this.stdin = new StdinBuffer();
    this.state = {
      ...this.state,
      Status: "exited",
      Running: false,
      Paused: false,
      Pid: 0,
      ExitCode: status?.exitCode ?? 255,
      OOMKilled: status?.oomKilled ?? false,
      Error: error,
      FinishedAt: new Date().toISOString(),
    };
    for (const attachment of this.attachments) attachment.connection.end();
    this.attachments.clear();
    this.release((condition) => condition !== "removed");
  }

  /** The container is gone: the last waiters (condition "removed") are released. */
  removed(): void {
    this.release(() => true);
  }

  wait(condition: WaitCondition): Promise<number> {
    if (condition === "not-running" && !this.state.Running) return Promise.resolve(this.state.ExitCode);
    return new Promise((resolve) => this.waiters.push({ condition, resolve }));
  }

  /** A client's bytes go to the process's stdin; its end (a half close) is end of file. */
  attachStdin(connection: ByteStream, early: Uint8Array | undefined, detachKeys: readonly number[]): Promise<void> {
    // The detach sequence (Ctrl-P Ctrl-Q) leaves the container running: the client goes, stdin stays open.
    const scanner = new DetachScanner(detachKeys);
    let detached = false;
    const take = (bytes: Uint8Array) => {
      if (detached) return;
      const { pass, detached: now } = scanner.scan(bytes);
      if (pass.length > 0) this.stdin.write(pass);
      if (now) {
        detached = true;
        connection.end();
      }
    };
    if (early?.length) take(early);
    connection.onData(take);
    return new Promise<void>((resolve) => {
      connection.onEnd(() => {
        if (!detached && this.config.StdinOnce !== false) this.stdin.end();
        resolve();
      });
    });
  }

  /** The process's output goes to a client's connection until it exits or the client leaves. */
  attachOutput(connection: ByteStream, options: { stdout: boolean; stderr: boolean }): Promise<void> {
    if (!options.stdout && !options.stderr) return Promise.resolve();
    const attachment: Attachment = { connection, stdout: options.stdout, stderr: options.stderr };
    this.attachments.add(attachment);
    return new Promise<void>((resolve) => connection.onEnd(resolve));
  }

  private release(which: (condition: WaitCondition) => boolean): void {
    const released = this.waiters.filter((w) => which(w.condition));
    this.waiters = this.waiters.filter((w) => !which(w.condition));
    for (const waiter of released) waiter.resolve(this.state.ExitCode);
  }
}
