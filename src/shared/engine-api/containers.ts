/**
 * The Engine API's container bodies, named and cased as the swagger names them (moby's
 * api/types/container). Fields Drydock does not send yet are optional; a client reading a
 * daemon that is not Drydock's finds them absent, as Go's zero values would be.
 */

/** ContainerConfig: what a container runs, as create takes it and inspect shows it. */
export interface ContainerConfig {
  Hostname?: string;
  Domainname?: string;
  User?: string;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  ExposedPorts?: Record<string, object> | null;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  Env?: string[] | null;
  Cmd?: string[] | string | null;
  Healthcheck?: HealthConfig;
  ArgsEscaped?: boolean | null;
  Image?: string;
  Volumes?: Record<string, object> | null;
  WorkingDir?: string;
  Entrypoint?: string[] | string | null;
  NetworkDisabled?: boolean | null;
  MacAddress?: string | null;
  OnBuild?: string[] | null;
  Labels?: Record<string, string> | null;
  StopSignal?: string | null;
  StopTimeout?: number | null;
  Shell?: string[] | null;
}

export interface HealthConfig {
  Test?: string[] | null;
  Interval?: number;
  Timeout?: number;
  Retries?: number;
  StartPeriod?: number;
  StartInterval?: number;
}

/** The body of `POST /containers/create`: the config, with the host's and the networks'. */
export interface ContainerCreateBody extends ContainerConfig {
  HostConfig?: HostConfig;
  NetworkingConfig?: { EndpointsConfig?: Record<string, EndpointConfig | null> | null };
}

/** A container's settings on a network as create takes them (the ones Drydock acts on). */
export interface EndpointConfig {
  /** --network-alias: more names the container answers to on that network. */
  Aliases?: string[] | null;
  /** --ip: the address asked for. */
  IPAMConfig?: { IPv4Address?: string } | null;
}

export interface RestartPolicy {
  Name?: string;
  MaximumRetryCount?: number;
}

export interface LogConfig {
  Type: string;
  Config: Record<string, string>;
}

export interface DeviceMapping {
  PathOnHost: string;
  PathInContainer: string;
  CgroupPermissions: string;
}

export interface PortBinding {
  HostIp?: string;
  HostPort?: string;
}

/** HostConfig: how the host runs the container, as create takes it and inspect shows it. */
export interface HostConfig {
  AutoRemove?: boolean;
  Memory?: number;
  /** Memory plus swap; the guest has no swap, so it is memory. */
  MemorySwap?: number;
  MemoryReservation?: number;
  MemorySwappiness?: number | null;
  NanoCpus?: number;
  CpuShares?: number;
  CpuPeriod?: number;
  CpuQuota?: number;
  CpuRealtimePeriod?: number;
  CpuRealtimeRuntime?: number;
  CpusetCpus?: string;
  CpusetMems?: string;
  CgroupParent?: string;
  BlkioWeight?: number;
  BlkioWeightDevice?: unknown[] | null;
  BlkioDeviceReadBps?: unknown[] | null;
  BlkioDeviceWriteBps?: unknown[] | null;
  BlkioDeviceReadIOps?: unknown[] | null;
  BlkioDeviceWriteIOps?: unknown[] | null;
  /** Checked names (container/capabilities.ts), as the client sent them: NET_ADMIN, CAP_NET_ADMIN or ALL. */
  CapAdd?: string[] | null;
  CapDrop?: string[] | null;
  Devices?: DeviceMapping[] | null;
  DeviceCgroupRules?: string[] | null;
  DeviceRequests?: unknown[] | null;
  /** The terminal's [rows, columns] at start (with Tty). */
  ConsoleSize?: [number, number];
  PidsLimit?: number | null;
  OomKillDisable?: boolean | null;
  Ulimits?: { Name: string; Soft: number; Hard: number }[] | null;
  NetworkMode?: string;
  ReadonlyRootfs?: boolean;
  Privileged?: boolean;
  RestartPolicy?: RestartPolicy;
  Init?: boolean | null;
  Binds?: string[] | null;
  ContainerIDFile?: string;
  LogConfig?: LogConfig;
  PortBindings?: Record<string, PortBinding[] | null> | null;
  PublishAllPorts?: boolean;
  VolumeDriver?: string;
  VolumesFrom?: string[] | null;
  Mounts?: unknown[] | null;
  Annotations?: Record<string, string> | null;
  CgroupnsMode?: string;
  Cgroup?: string;
  Dns?: string[] | null;
  DnsOptions?: string[] | null;
  DnsSearch?: string[] | null;
  ExtraHosts?: string[] | null;
  GroupAdd?: string[] | null;
  IpcMode?: string;
  Links?: string[] | null;
  OomScoreAdj?: number;
  PidMode?: string;
  SecurityOpt?: string[] | null;
  StorageOpt?: Record<string, string> | null;
  Tmpfs?: Record<string, string> | null;
  UTSMode?: string;
  UsernsMode?: string;
  ShmSize?: number;
  Sysctls?: Record<string, string> | null;
  Runtime?: string;
  Isolation?: string;
  MaskedPaths?: string[] | null;
  ReadonlyPaths?: string[] | null;
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

/** Port: one published or exposed port in a container's row. */
export interface Port {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: string;
}

/** MountPoint: a mount as list and inspect show it. */
export interface MountPoint {
  Type?: string;
  Name?: string;
  Source?: string;
  Destination?: string;
  Driver?: string;
  Mode?: string;
  RW?: boolean;
  Propagation?: string;
}

export interface DriverData {
  Name: string;
  Data: Record<string, string> | null;
}

/** One row of `GET /containers/json`. */
export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  ImageID: string;
  Command: string;
  Created: number;
  Ports: Port[];
  SizeRw?: number;
  SizeRootFs?: number;
  Labels: Record<string, string> | null;
  State: string;
  Status: string;
  HostConfig: { NetworkMode: string; Annotations?: Record<string, string> | null };
  NetworkSettings: { Networks: Record<string, unknown> | null } | null;
  Mounts: MountPoint[];
}

/** `GET /containers/{id}/json`. */
export interface ContainerInspectResponse {
  Id: string;
  Created: string;
  Path: string;
  Args: string[];
  State: ContainerState;
  Image: string;
  ResolvConfPath: string;
  HostnamePath: string;
  HostsPath: string;
  LogPath: string;
  Name: string;
  RestartCount: number;
  Driver: string;
  Platform: string;
  MountLabel: string;
  ProcessLabel: string;
  AppArmorProfile: string;
  ExecIDs: string[] | null;
  HostConfig: HostConfig;
  GraphDriver: DriverData;
  SizeRw?: number;
  SizeRootFs?: number;
  Mounts: MountPoint[];
  Config: ContainerConfig;
  NetworkSettings: NetworkSettings;
}

export interface NetworkSettings {
  Bridge: string;
  SandboxID: string;
  HairpinMode?: boolean;
  LinkLocalIPv6Address?: string;
  LinkLocalIPv6PrefixLen?: number;
  Ports: Record<string, PortBinding[] | null> | null;
  SandboxKey: string;
  SecondaryIPAddresses?: unknown[] | null;
  SecondaryIPv6Addresses?: unknown[] | null;
  EndpointID?: string;
  Gateway?: string;
  GlobalIPv6Address?: string;
  GlobalIPv6PrefixLen?: number;
  IPAddress?: string;
  IPPrefixLen?: number;
  IPv6Gateway?: string;
  MacAddress?: string;
  Networks: Record<string, unknown> | null;
}

/** `POST /containers/create`'s reply. */
export interface ContainerCreateResponse {
  Id: string;
  Warnings: string[] | null;
}

/** `POST /containers/{id}/wait`'s reply. */
export interface ContainerWaitResponse {
  StatusCode: number;
  Error?: { Message?: string } | null;
}

/** `GET /containers/{id}/top`. */
export interface ContainerTopResponse {
  Titles: string[];
  Processes: string[][];
}

interface CpuStats {
  cpu_usage: { total_usage: number; percpu_usage?: number[] | null; usage_in_kernelmode: number; usage_in_usermode: number };
  system_cpu_usage?: number;
  online_cpus?: number;
  throttling_data: { periods: number; throttled_periods: number; throttled_time: number };
}

interface NetworkStats {
  rx_bytes: number;
  rx_packets: number;
  rx_errors: number;
  rx_dropped: number;
  tx_bytes: number;
  tx_packets: number;
  tx_errors: number;
  tx_dropped: number;
}

type BlkioEntries = { major?: number; minor?: number; op: string; value: number }[] | null;

/** One sample of `GET /containers/{id}/stats` (cgroup v2's fields). */
export interface ContainerStatsResponse {
  name: string;
  id: string;
  read: string;
  preread: string;
  pids_stats: { current?: number; limit?: number };
  blkio_stats: {
    io_service_bytes_recursive: BlkioEntries;
    io_serviced_recursive?: BlkioEntries;
    io_queue_recursive?: BlkioEntries;
    io_service_time_recursive?: BlkioEntries;
    io_wait_time_recursive?: BlkioEntries;
    io_merged_recursive?: BlkioEntries;
    io_time_recursive?: BlkioEntries;
    sectors_recursive?: BlkioEntries;
  };
  num_procs: number;
  storage_stats: Record<string, number>;
  cpu_stats: CpuStats;
  precpu_stats: CpuStats;
  memory_stats: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, NetworkStats> | null;
}

/** One line of `GET /containers/{id}/changes`: Kind 0 modified, 1 added, 2 deleted. */
export interface ContainerChange {
  Path: string;
  Kind: 0 | 1 | 2;
}
