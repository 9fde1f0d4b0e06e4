/** Engine API shapes (Docker's names and casing), the subset the daemon serves. */
export interface ContainerCreateBody {
  Hostname?: string;
  Domainname?: string;
  User?: string;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  Env?: string[] | null;
  Cmd?: string[] | string | null;
  Entrypoint?: string[] | string | null;
  Image?: string;
  Labels?: Record<string, string> | null;
  WorkingDir?: string;
  StopSignal?: string;
  StopTimeout?: number;
  HostConfig?: HostConfig;
}

export interface HostConfig {
  /** The file the client wrote the ID to (--cidfile): kept, as Docker keeps it, for inspect. */
  ContainerIDFile?: string;
  AutoRemove?: boolean;
  Memory?: number;
  /** Memory plus swap; the guest has no swap, so it is memory. */
  MemorySwap?: number;
  NanoCpus?: number;
  CpuShares?: number;
  CpuPeriod?: number;
  CpuQuota?: number;
  /** Checked names (container/capabilities.ts), as the client sent them: NET_ADMIN, CAP_NET_ADMIN or ALL. */
  CapAdd?: string[] | null;
  CapDrop?: string[] | null;
  Devices?: { PathOnHost: string; PathInContainer: string; CgroupPermissions: string }[] | null;
  /** The terminal's [rows, columns] at start (with Tty). */
  ConsoleSize?: [number, number];
  PidsLimit?: number | null;
  NetworkMode?: string;
  ReadonlyRootfs?: boolean;
  Privileged?: boolean;
  RestartPolicy?: { Name?: string; MaximumRetryCount?: number };
  Init?: boolean | null;
}

export interface ContainerState {
  Status: "created" | "running" | "paused" | "restarting" | "removing" | "exited" | "dead";
  Running: boolean;
  Paused: boolean;
  Restarting: boolean;
  OOMKilled: boolean;
  Dead: boolean;
  Pid: number;
  ExitCode: number;
  Error: string;
  StartedAt: string;
  FinishedAt: string;
}

/** One of Docker's events, as `GET /events` streams them. */
export interface DockerEvent {
  status?: string;
  id?: string;
  from?: string;
  Type: "container" | "image";
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  scope: "local";
  time: number;
  timeNano: number;
}
