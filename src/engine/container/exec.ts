import type { ExecConfig, ExecInspectResponse } from "../../shared/engine-api/exec";
import type { RuntimeProcess } from "../runtime/runtime";

/** An exec instance: made by create, run once by start, inspected for its exit code. */
export class Exec {
  private running = false;
  private code: number | null = null;
  private pid = 0;
  private runningProcess: RuntimeProcess | undefined;
  private startAsked = false;

  constructor(
    readonly id: string,
    readonly containerId: string,
    readonly config: ExecConfig,
  ) {}

  /** A start was asked for: it runs once, whatever comes of it. */
  get started(): boolean {
    return this.startAsked;
  }

  get process(): RuntimeProcess | undefined {
    return this.runningProcess;
  }

  get exitCode(): number | null {
    return this.code;
  }

  startRequested(): void {
    this.startAsked = true;
  }

  began(process: RuntimeProcess): void {
    this.runningProcess = process;
    this.running = true;
    this.pid = process.pid;
  }

  /** Its process ended, or never started (`null` when nothing says how it went). */
  ended(exitCode: number | null): void {
    this.code = exitCode;
    this.running = false;
    this.runningProcess = undefined;
  }

  inspect(): ExecInspectResponse {
    return {
      ID: this.id,
      Running: this.running,
      ExitCode: this.code,
      ProcessConfig: {
        tty: this.config.Tty ?? false,
        entrypoint: this.config.Cmd?.[0] ?? "",
        arguments: this.config.Cmd?.slice(1) ?? [],
        privileged: this.config.Privileged ?? false,
        user: this.config.User ?? "",
      },
      OpenStdin: this.config.AttachStdin ?? false,
      OpenStderr: this.config.AttachStderr ?? false,
      OpenStdout: this.config.AttachStdout ?? false,
      CanRemove: false,
      ContainerID: this.containerId,
      DetachKeys: "",
      Pid: this.pid,
    };
  }
}
