import type { ContainerCreateBody, ContainerState } from "../../shared/engine-api/containers";
import type { ByteStream } from "../../shared/byte-stream";
import type { ExitStatus, RuntimeProcess } from "../runtime/runtime";
import { DetachScanner } from "./detach-keys";
import { LogBuffer } from "./log-buffer";
import { StdinBuffer } from "./stdin-buffer";
import { stdioFrame } from "./stdio-frame";
import type { ContainerEndpoint } from "./endpoint";

export const ZERO_TIME = "0001-01-01T00:00:00Z";

export type WaitCondition = "not-running" | "next-exit" | "removed";

interface Attachment {
  connection: ByteStream;
  stdout: boolean;
  stderr: boolean;
}

/** What a container keeps across a daemon restart besides its configuration. */
export interface ContainerHistory {
  state: ContainerState;
  restartCount: number;
  /** Stopped by a user (stop, kill): the restart policy leaves it alone. */
  manuallyStopped: boolean;
}

/** A container that has never run. */
export const CREATED: ContainerState = {
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

/**
 * A container as the daemon holds it: its record (what inspect shows) and, while it runs, its
 * process, the clients attached to its streams, and whoever waits for it. Its state changes
 * only through the methods below, each named for what happened.
 */
export class Container {
  readonly logs = new LogBuffer();
  private current: ContainerHistory;
  private currentName: string;
  private runningProcess: RuntimeProcess | undefined;
  private removing = false;
  private readonly attachments = new Set<Attachment>();
  /** Stdin from attached clients, held until the process exists. */
  private stdin = new StdinBuffer();
  private waiters: { condition: WaitCondition; resolve: (code: number) => void }[] = [];

  constructor(
    readonly id: string,
    name: string,
    readonly created: string,
    readonly imageId: string,
    readonly config: ContainerCreateBody,
    readonly path: string,
    readonly args: string[],
    history: ContainerHistory = { state: CREATED, restartCount: 0, manuallyStopped: false },
  ) {
    this.currentName = name;
    this.current = { ...history };
  }

  get name(): string {
    return this.currentName;
  }

  get state(): Readonly<ContainerState> {
    return this.current.state;
  }

  get restartCount(): number {
    return this.current.restartCount;
  }

  get manuallyStopped(): boolean {
    return this.current.manuallyStopped;
  }

  /** The first process while the container runs. */
  get process(): RuntimeProcess | undefined {
    return this.runningProcess;
  }

  /** A removal is under way (a second one is Docker's conflict, not a second try). */
  get removalInProgress(): boolean {
    return this.removing;
  }

  get tty(): boolean {
    return this.config.Tty === true;
  }

  /** Its endpoints while it runs, by network name, the first network's first (the daemon's, for inspect). */
  readonly endpoints = new Map<string, ContainerEndpoint>();
  private networking: Promise<unknown> = Promise.resolve();

  /**
   * Changes to its networks one at a time (a start's endpoints, an exit's, connect, disconnect),
   * as moby holds the container's lock for them: two at once would pick the same device.
   */
  changeNetworks<T>(change: () => Promise<T>): Promise<T> {
    const run = this.networking.then(change, change);
    this.networking = run.catch(() => undefined);
    return run;
  }

  /** The host ports it publishes while it runs (bound at start, given back at exit). */
  ports: { port: string; hostIp: string; hostPort: number }[] | undefined;

  /** The process started: its output goes to the log and to every attached client. */
  started(process: RuntimeProcess): void {
    this.runningProcess = process;
    this.update({ Status: "running", Running: true, Paused: false, Pid: process.pid, ExitCode: 0, Error: "", OOMKilled: false, StartedAt: new Date().toISOString(), FinishedAt: ZERO_TIME });
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
    this.runningProcess = undefined;
    this.stdin = new StdinBuffer();
    this.update({
      Status: "exited",
      Running: false,
      Paused: false,
      Pid: 0,
      ExitCode: status?.exitCode ?? 255,
      OOMKilled: status?.oomKilled ?? false,
      Error: error,
      FinishedAt: new Date().toISOString(),
    });
    for (const attachment of this.attachments) attachment.connection.end();
    this.attachments.clear();
    this.release((condition) => condition !== "removed");
  }

  /** A user started it: an earlier stop no longer holds, and the policy counts its restarts afresh. */
  startRequested(): void {
    this.current = { ...this.current, manuallyStopped: false, restartCount: 0 };
  }

  /** A user stopped or killed it: the restart policy leaves it alone. */
  stopRequested(): void {
    this.current = { ...this.current, manuallyStopped: true };
  }

  paused(): void {
    this.update({ Paused: true, Status: "paused" });
  }

  unpaused(): void {
    this.update({ Paused: false, Status: "running" });
  }

  /** The restart policy will start it again after its back-off. */
  restartScheduled(): void {
    this.current = { ...this.current, restartCount: this.current.restartCount + 1 };
    this.update({ Restarting: true, Status: "restarting" });
  }

  /** The back-off is over: the policy's start is on its way. */
  restartDue(): void {
    this.update({ Restarting: false });
  }

  /** A stop came during the back-off: it stays exited. */
  restartCancelled(): void {
    this.update({ Restarting: false, Status: "exited" });
  }

  /** It ran when the daemon went away: exited, as Docker reports such a container. */
  lostWithDaemon(): void {
    this.update({ Status: "exited", Running: false, Paused: false, Pid: 0, ExitCode: 255, Error: "the daemon restarted", FinishedAt: new Date().toISOString() });
  }

  /** It cannot be made or removed: listed, dead, until a removal succeeds. */
  died(error: string): void {
    this.update({ Status: "dead", Dead: true, Error: error });
  }

  renamed(name: string): void {
    this.currentName = name;
  }

  removalStarted(): void {
    this.removing = true;
  }

  removalEnded(): void {
    this.removing = false;
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

  private update(change: Partial<ContainerState>): void {
    this.current = { ...this.current, state: { ...this.current.state, ...change } };
  }

  private release(which: (condition: WaitCondition) => boolean): void {
    const released = this.waiters.filter((w) => which(w.condition));
    this.waiters = this.waiters.filter((w) => !which(w.condition));
    for (const waiter of released) waiter.resolve(this.state.ExitCode);
  }
}
