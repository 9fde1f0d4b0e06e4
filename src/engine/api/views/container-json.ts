import { dnsNames, endpointConfig, networkNames } from "../../container/network-settings";
import type { Container } from "../../container/container";
import type { ImageRecord } from "../../image/image-store";
import type { ContainerInspectResponse, ContainerSummary, HostConfig, Port } from "../../../shared/engine-api/containers";
import { portMap } from "../../container/ports";
import { humanDuration } from "../../../shared/human-duration";

const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** `GET /containers/{id}/json`. */
export function inspectContainer(container: Container): ContainerInspectResponse {
  const config = container.config;
  const host = config.HostConfig ?? {};
  return {
    Id: container.id,
    Created: container.created,
    Path: container.path,
    Args: container.args,
    State: container.state,
    Image: container.imageId,
    ResolvConfPath: "",
    HostnamePath: "",
    HostsPath: "",
    LogPath: "",
    Name: container.name,
    RestartCount: container.restartCount,
    Driver: "overlay2",
    Platform: "linux",
    MountLabel: "",
    ProcessLabel: "",
    AppArmorProfile: "",
    ExecIDs: null,
    HostConfig: hostConfigJson(host),
    GraphDriver: { Data: null, Name: "overlay2" },
    Mounts: [],
    Config: {
      Hostname: config.Hostname || container.id.slice(0, 12),
      Domainname: config.Domainname ?? "",
      User: config.User ?? "",
      AttachStdin: config.AttachStdin ?? false,
      AttachStdout: config.AttachStdout ?? false,
      AttachStderr: config.AttachStderr ?? false,
      ...(config.ExposedPorts && Object.keys(config.ExposedPorts).length ? { ExposedPorts: config.ExposedPorts } : {}),
      Tty: config.Tty ?? false,
      OpenStdin: config.OpenStdin ?? false,
      StdinOnce: config.StdinOnce ?? false,
      Env: config.Env ?? null,
      Cmd: config.Cmd ?? null,
      Image: config.Image,
      Volumes: null,
      WorkingDir: config.WorkingDir ?? "",
      Entrypoint: config.Entrypoint ?? null,
      OnBuild: null,
      Labels: config.Labels ?? {},
      ...(config.StopSignal ? { StopSignal: config.StopSignal } : {}),
      ...(config.StopTimeout !== undefined ? { StopTimeout: config.StopTimeout } : {}),
    },
    NetworkSettings: {
      Bridge: "",
      SandboxID: "",
      SandboxKey: "",
      Ports: portMap(container),
      HairpinMode: false,
      LinkLocalIPv6Address: "",
      LinkLocalIPv6PrefixLen: 0,
      SecondaryIPAddresses: null,
      SecondaryIPv6Addresses: null,
      EndpointID: "",
      Gateway: "",
      GlobalIPv6Address: "",
      GlobalIPv6PrefixLen: 0,
      IPAddress: "",
      IPPrefixLen: 0,
      IPv6Gateway: "",
      MacAddress: "",
      Networks: networks(container),
    },
  };
}

/** The /proc paths the agent hides from and write-protects in an unprivileged container (Docker's defaults). */
const MASKED_PATHS = ["/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap"];
const READONLY_PATHS = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

/**
 * The whole of moby's HostConfig, in its order: what the container was created with, and for
 * everything Drydock refuses to change, the value Docker's daemon keeps for a container that
 * did not ask (Go's nil for a list, its defaults where the daemon fills them in: the json-file
 * log driver, a private IPC and cgroup namespace, a 64 MB /dev/shm, runc).
 */
function hostConfigJson(host: HostConfig): Record<string, unknown> {
  return {
    Binds: null,
    ContainerIDFile: host.ContainerIDFile ?? "",
    LogConfig: { Type: "json-file", Config: {} },
    NetworkMode: host.NetworkMode || "bridge",
    PortBindings: host.PortBindings ?? {},
    RestartPolicy: { Name: host.RestartPolicy?.Name || "no", MaximumRetryCount: host.RestartPolicy?.MaximumRetryCount ?? 0 },
    AutoRemove: host.AutoRemove ?? false,
    VolumeDriver: "",
    VolumesFrom: null,
    ConsoleSize: host.ConsoleSize ?? [0, 0],
    CapAdd: host.CapAdd ?? null,
    CapDrop: host.CapDrop ?? null,
    CgroupnsMode: "private",
    Dns: null,
    DnsOptions: null,
    DnsSearch: null,
    ExtraHosts: host.ExtraHosts?.length ? host.ExtraHosts : null,
    GroupAdd: null,
    IpcMode: "private",
    Cgroup: "",
    Links: host.Links?.length ? host.Links : null,
    OomScoreAdj: 0,
    PidMode: "",
    Privileged: host.Privileged ?? false,
    PublishAllPorts: host.PublishAllPorts ?? false,
    ReadonlyRootfs: host.ReadonlyRootfs ?? false,
    SecurityOpt: null,
    UTSMode: "",
    UsernsMode: "",
    ShmSize: 64 * 1024 * 1024,
    Runtime: "runc",
    Isolation: "",
    CpuShares: host.CpuShares ?? 0,
    Memory: host.Memory ?? 0,
    NanoCpus: host.NanoCpus ?? 0,
    CgroupParent: "",
    BlkioWeight: 0,
    BlkioWeightDevice: null,
    BlkioDeviceReadBps: null,
    BlkioDeviceWriteBps: null,
    BlkioDeviceReadIOps: null,
    BlkioDeviceWriteIOps: null,
    CpuPeriod: host.CpuPeriod ?? 0,
    CpuQuota: host.CpuQuota ?? 0,
    CpuRealtimePeriod: 0,
    CpuRealtimeRuntime: 0,
    CpusetCpus: "",
    CpusetMems: "",
    Devices: host.Devices ?? null,
    DeviceCgroupRules: null,
    DeviceRequests: null,
    MemoryReservation: 0,
    MemorySwap: host.MemorySwap ?? 0,
    MemorySwappiness: null,
    OomKillDisable: false,
    PidsLimit: host.PidsLimit ?? null,
    Ulimits: null,
    CpuCount: 0,
    CpuPercent: 0,
    IOMaximumIOps: 0,
    IOMaximumBandwidth: 0,
    // A privileged container has nothing masked, and Docker keeps no list for it.
    MaskedPaths: host.Privileged ? null : MASKED_PATHS,
    ReadonlyPaths: host.Privileged ? null : READONLY_PATHS,
  };
}

/**
 * The container's networks: while it runs, each bridge network's endpoint addresses; otherwise
 * (stopped, host, none) as Docker shows one the container is on but not connected to, every
 * address empty.
 */
function networks(container: Container): Record<string, unknown> {
  return Object.fromEntries(networkNames(container).map((name) => [name, endpointJson(container, name)]));
}

function endpointJson(container: Container, name: string): Record<string, unknown> {
  const joined = container.endpoints.get(name);
  const [address = "", prefix = "0"] = joined?.ipv4.split("/") ?? [];
  const settings = endpointConfig(container, name);
  return {
    IPAMConfig: settings.IPAMConfig ?? null,
    Links: null,
    Aliases: settings.Aliases?.length ? settings.Aliases : null,
    MacAddress: joined?.mac ?? "",
    DriverOpts: null,
    NetworkID: joined?.networkId ?? "",
    EndpointID: joined?.endpointId ?? "",
    Gateway: joined?.gateway ?? "",
    IPAddress: address,
    IPPrefixLen: Number(prefix),
    IPv6Gateway: "",
    GlobalIPv6Address: "",
    GlobalIPv6PrefixLen: 0,
    // Names resolve on user-defined networks only.
    DNSNames: ["bridge", "host", "none"].includes(name) ? null : dnsNames(container, name),
  };
}

/** One row of `GET /containers/json`. */
export function listContainer(container: Container, image: ImageRecord | undefined, now = Date.now()): ContainerSummary {
  return {
    Id: container.id,
    Names: [container.name],
    Image: container.config.Image ?? "",
    ImageID: image?.id ?? container.imageId,
    Command: [container.path, ...container.args].map(shellQuote).join(" "),
    Created: unix(container.created),
    Ports: listPorts(container),
    Labels: container.config.Labels ?? {},
    State: container.state.Status,
    Status: status(container, now),
    HostConfig: { NetworkMode: container.config.HostConfig?.NetworkMode || "bridge" },
    NetworkSettings: { Networks: networks(container) },
    Mounts: [],
  };
}

/** An argument as a shell would need it: 'quoted' when it has spaces or shell characters. */
function shellQuote(arg: string): string {
  if (arg !== "" && /^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'"'"'`)}'`;
}

/** "Up 3 seconds", "Up 2 minutes (Paused)", "Exited (0) 5 seconds ago", "Created". */
function status(container: Container, now: number): string {
  const state = container.state;
  if (state.Restarting) return `Restarting (${state.ExitCode}) ${humanDuration(now - Date.parse(state.FinishedAt))} ago`;
  if (state.Running) return `Up ${humanDuration(now - Date.parse(state.StartedAt))}${state.Paused ? " (Paused)" : ""}`;
  if (state.Status === "exited") return `Exited (${state.ExitCode}) ${humanDuration(now - Date.parse(state.FinishedAt))} ago`;
  return state.Status === "created" ? "Created" : state.Status;
}

/**
 * The list's Ports, from NetworkSettings.Ports as moby builds them: each binding (IP, both
 * ports) and each exposed port alone, while it runs; none once it has stopped (swagger's Port).
 */
function listPorts(container: Container): Port[] {
  return Object.entries(portMap(container)).flatMap(([port, bindings]) => {
    const [number = "0", type = "tcp"] = port.split("/");
    if (!bindings?.length) return [{ PrivatePort: Number(number), Type: type }];
    return bindings.map((b) => ({ IP: b.HostIp ?? "", PrivatePort: Number(number), PublicPort: Number(b.HostPort), Type: type }));
  });
}
