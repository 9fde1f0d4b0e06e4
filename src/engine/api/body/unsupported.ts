import { DrydockError } from "../../../shared/errors";
import { promotedFields, type GoStruct, type GoType } from "./go-types";

/**
 * What Drydock does with each field of a body it reads, Go field by Go field. A field the
 * daemon acts on is "supported" (its own checks are Docker's, in create-checks.ts). Any other
 * field is refused when it asks for something, so nothing a client sends is quietly dropped:
 * it may hold its zero value (an empty list too), or what `accepts` says asks for what Drydock
 * does anyway (the docker CLI sends "MemorySwappiness": -1 on every run).
 */
export type FieldPolicy = "supported" | { flag?: string; accepts?: (value: unknown) => boolean };

export type Policies = Record<string, FieldPolicy>;

const refuse = (flag?: string, accepts?: (value: unknown) => boolean): FieldPolicy => ({ flag, accepts });
const oneOf = (...values: unknown[]) => (value: unknown) => values.includes(value);

export const CONFIG_POLICIES: Policies = {
  Hostname: "supported",
  Domainname: refuse("--domainname"),
  User: "supported",
  AttachStdin: "supported",
  AttachStdout: "supported",
  AttachStderr: "supported",
  ExposedPorts: "supported",
  Tty: "supported",
  OpenStdin: "supported",
  StdinOnce: "supported",
  Env: "supported",
  Cmd: "supported",
  // --no-healthcheck asks for no health checks, which is what Drydock runs.
  Healthcheck: refuse("--health-cmd", (value) => {
    if (value === null) return true;
    const { Test, ...rest } = value as { Test?: string[] | null };
    return (!Test?.length || (Test.length === 1 && Test[0] === "NONE")) && Object.values(rest).every((v) => !v);
  }),
  ArgsEscaped: refuse(),
  Image: "supported",
  Volumes: refuse("--volume"),
  WorkingDir: "supported",
  Entrypoint: "supported",
  NetworkDisabled: refuse(),
  MacAddress: refuse("--mac-address"),
  OnBuild: refuse(),
  Labels: "supported",
  StopSignal: "supported",
  StopTimeout: "supported",
  Shell: refuse(),
};

export const HOST_CONFIG_POLICIES: Policies = {
  Binds: refuse("--volume"),
  // The client writes --cidfile itself; Docker's daemon only keeps the name.
  ContainerIDFile: "supported",
  LogConfig: refuse("--log-driver, --log-opt", (value) => {
    const log = value as { Type?: string; Config?: Record<string, string> | null };
    return ["", "json-file"].includes(log.Type ?? "") && Object.keys(log.Config ?? {}).length === 0;
  }),
  NetworkMode: "supported",
  PortBindings: "supported",
  RestartPolicy: "supported",
  AutoRemove: "supported",
  VolumeDriver: refuse("--volume-driver"),
  VolumesFrom: refuse("--volumes-from"),
  ConsoleSize: "supported",
  Annotations: refuse("--annotation"),
  CapAdd: "supported",
  CapDrop: "supported",
  // Each container has its own cgroup, IPC, PID and UTS namespaces, as these modes ask.
  CgroupnsMode: refuse("--cgroupns", oneOf("", "private")),
  Dns: refuse("--dns"),
  DnsOptions: refuse("--dns-option"),
  DnsSearch: refuse("--dns-search"),
  ExtraHosts: "supported",
  GroupAdd: refuse("--group-add"),
  IpcMode: refuse("--ipc", oneOf("", "private")),
  Cgroup: refuse(),
  Links: "supported",
  OomScoreAdj: refuse("--oom-score-adj"),
  PidMode: refuse("--pid"),
  Privileged: "supported",
  PublishAllPorts: "supported",
  ReadonlyRootfs: "supported",
  SecurityOpt: refuse("--security-opt"),
  StorageOpt: refuse("--storage-opt"),
  Tmpfs: refuse("--tmpfs"),
  UTSMode: refuse("--uts"),
  UsernsMode: refuse("--userns"),
  // The agent mounts a 64 MB /dev/shm, Docker's default size.
  ShmSize: refuse("--shm-size", oneOf(0, 64 * 1024 * 1024)),
  Sysctls: refuse("--sysctl"),
  Runtime: refuse("--runtime", oneOf("", "runc")),
  // Docker on Linux refuses any other isolation, and real-time CPU and IO maximums on this
  // kernel, before these (create-checks.ts checkWhileDecoding).
  Isolation: refuse("--isolation", (value) => value === "" || String(value).toLowerCase() === "default"),
  Mounts: refuse("--mount"),
  // The agent masks and write-protects Docker's default /proc paths; a list (even an empty one) replaces them.
  MaskedPaths: refuse("--security-opt systempaths=unconfined", (value) => value === null),
  ReadonlyPaths: refuse("--security-opt systempaths=unconfined", (value) => value === null),
  Init: refuse("--init"),
  CpuShares: "supported",
  Memory: "supported",
  NanoCpus: "supported",
  CgroupParent: refuse("--cgroup-parent"),
  BlkioWeight: refuse("--blkio-weight"),
  BlkioWeightDevice: refuse("--blkio-weight-device"),
  BlkioDeviceReadBps: refuse("--device-read-bps"),
  BlkioDeviceWriteBps: refuse("--device-write-bps"),
  BlkioDeviceReadIOps: refuse("--device-read-iops"),
  BlkioDeviceWriteIOps: refuse("--device-write-iops"),
  CpuPeriod: "supported",
  CpuQuota: "supported",
  CpuRealtimePeriod: refuse("--cpu-rt-period"),
  CpuRealtimeRuntime: refuse("--cpu-rt-runtime"),
  CpusetCpus: refuse("--cpuset-cpus"),
  CpusetMems: refuse("--cpuset-mems"),
  Devices: "supported",
  DeviceCgroupRules: refuse("--device-cgroup-rule"),
  DeviceRequests: refuse("--gpus"),
  KernelMemory: refuse("--kernel-memory"),
  KernelMemoryTCP: refuse(),
  MemoryReservation: refuse("--memory-reservation"),
  // The guest has no swap: memory plus swap is memory, whatever limit is asked (checked as Docker checks it).
  MemorySwap: "supported",
  // -1 is the CLI's "not set"; and with no swap, 0 (swap as little as possible) is what happens anyway.
  MemorySwappiness: refuse("--memory-swappiness", oneOf(null, -1, 0)),
  OomKillDisable: refuse("--oom-kill-disable"),
  PidsLimit: "supported",
  Ulimits: refuse("--ulimit"),
  CpuCount: refuse("--cpu-count"),
  CpuPercent: refuse("--cpu-percent"),
  IOMaximumIOps: refuse("--io-maxiops"),
  IOMaximumBandwidth: refuse("--io-maxbandwidth"),
};

/** The endpoint for the container's network: its aliases and an IPv4 address asked for. */
export const ENDPOINT_POLICIES: Policies = {
  IPAMConfig: refuse("--ip6, --link-local-ip", (value) => {
    const ipam = value as { IPv6Address?: string; LinkLocalIPs?: string[] | null } | null;
    return !ipam?.IPv6Address && !ipam?.LinkLocalIPs?.length;
  }),
  // The CLI puts --link here for a user-defined network, besides HostConfig.Links: taken as those.
  Links: "supported",
  Aliases: "supported",
  MacAddress: refuse("--mac-address"),
  DriverOpts: refuse("--network driver-opt"),
  NetworkID: refuse(),
  EndpointID: refuse(),
  Gateway: refuse(),
  IPAddress: refuse(),
  IPPrefixLen: refuse(),
  IPv6Gateway: refuse(),
  GlobalIPv6Address: refuse(),
  GlobalIPv6PrefixLen: refuse(),
  DNSNames: refuse(),
};

export const EXEC_POLICIES: Policies = {
  User: "supported",
  Privileged: "supported",
  Tty: "supported",
  ConsoleSize: "supported",
  AttachStdin: "supported",
  AttachStderr: "supported",
  AttachStdout: "supported",
  // Docker's daemon keeps it and does nothing with it: detaching is the start request's Detach.
  Detach: "supported",
  DetachKeys: refuse("--detach-keys"),
  Env: "supported",
  WorkingDir: "supported",
  Cmd: "supported",
};

/**
 * Refuses the first field of `body` (decoded from `type`) that asks for what Drydock does not
 * do, naming it as the body does (prefix "HostConfig." for a HostConfig field).
 */
export function refuseUnsupported(body: Record<string, unknown>, type: GoStruct, policies: Policies, prefix = ""): void {
  for (const field of promotedFields(type)) {
    const policy = policies[field.json];
    if (policy === undefined || policy === "supported" || !(field.json in body)) continue;
    const value = body[field.json];
    if (policy.accepts ? policy.accepts(value) : isZero(value, field.type)) continue;
    throw new DrydockError("InvalidParameter", `Drydock does not support ${prefix}${field.json}${policy.flag ? ` (${policy.flag})` : ""} yet`);
  }
}

/** The fields of `body` Drydock acts on, which are what the daemon is handed. */
export function supportedFields(body: Record<string, unknown>, policies: Policies): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([field]) => policies[field] === "supported"));
}

/**
 * Whether a decoded value asks for nothing: Go's zero value, an empty list or map (Docker does
 * nothing with those either), or a pointer to a zero value (--init=false is no init).
 */
export function isZero(value: unknown, type: GoType): boolean {
  if (value === undefined || value === null) return true;
  switch (type.kind) {
    case "pointer":
      return isZero(value, type.elem);
    case "slice":
    case "strslice":
      return (value as unknown[]).length === 0;
    case "map":
      return Object.keys(value).length === 0;
    case "array":
      return (value as unknown[]).every((item) => isZero(item, type.elem));
    case "struct":
      return type.fields.every((field) => (field.embedded ? isZero(value, field.type) : isZero((value as Record<string, unknown>)[field.json], field.type)));
    default:
      return value === "" || value === 0 || value === false;
  }
}
