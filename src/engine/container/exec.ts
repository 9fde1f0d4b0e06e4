import type { RuntimeProcess } from "../runtime/runtime";

/** The body of `POST /containers/{id}/exec`. */
export interface ExecConfig {
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  DetachKeys?: string;
  Tty?: boolean;
  ConsoleSize?: [number, number] | null;
  Env?: string[] | null;
  Cmd?: string[];
  Privileged?: boolean;
  User?: string;
  WorkingDir?: string;
}

/** An exec instance: made by create, run once by start, inspected for its exit code. */
export class Exec {
  running = false;
  exitCode: number | null = null;
  pid = 0;
  process: RuntimeProcess | undefined;
  started = false;

  constructor(
    readonly id: string,
    readonly containerId: string,
    readonly config: ExecConfig,
  ) {}

  inspect(): Record<string, unknown> {
    return {
      ID: this.id,
      Running: this.running,
      ExitCode: this.exitCode,
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
