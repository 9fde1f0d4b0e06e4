/** The Engine API's exec bodies, named and cased as the swagger names them. */

/** The body of `POST /containers/{id}/exec` (the swagger's ExecConfig). */
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

/** The body of `POST /exec/{id}/start`. */
export interface ExecStartConfig {
  Detach?: boolean;
  Tty?: boolean;
  /** [rows, columns]; with Tty, it wins over the size the exec was created with, as in Docker. */
  ConsoleSize?: [number, number] | null;
}

/** `POST /containers/{id}/exec`'s reply (the swagger's IDResponse). */
export interface IdResponse {
  Id: string;
}

/** `GET /exec/{id}/json`. */
export interface ExecInspectResponse {
  CanRemove: boolean;
  DetachKeys: string;
  ID: string;
  Running: boolean;
  /** null while it runs. */
  ExitCode: number | null;
  ProcessConfig: { privileged: boolean; user: string; tty: boolean; entrypoint: string; arguments: string[] };
  OpenStdin: boolean;
  OpenStderr: boolean;
  OpenStdout: boolean;
  ContainerID: string;
  Pid: number;
}
