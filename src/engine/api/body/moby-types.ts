/**
 * The Go structs moby v27.5.1 (the Docker of API 1.47, which Drydock serves) decodes request
 * bodies into, field by field with their Go types: api/types/container (Config, HostConfig,
 * Resources, ExecOptions, ExecStartOptions, CreateRequest), api/types/network, api/types/mount,
 * api/types/blkiodev, go-connections/nat, go-units and docker-image-spec. A field Go does not
 * have is not here, and is skipped as Go skips it; tests/conformance checks this against the
 * Engine API's swagger.
 */
import { array, bool, emptyStruct, int, map, pointer, slice, str, strslice, struct, uint, type GoStruct } from "./go-types";

const strings = slice(str());
const stringMap = map(str());
const duration = int("time.Duration");

export const healthConfig = struct("v1.HealthcheckConfig", {
  Test: strings,
  Interval: duration,
  Timeout: duration,
  StartPeriod: duration,
  StartInterval: duration,
  Retries: int("int"),
});

export const containerConfig = struct("container.Config", {
  Hostname: str(),
  Domainname: str(),
  User: str(),
  AttachStdin: bool,
  AttachStdout: bool,
  AttachStderr: bool,
  ExposedPorts: map(emptyStruct, "nat.PortSet"),
  Tty: bool,
  OpenStdin: bool,
  StdinOnce: bool,
  Env: strings,
  Cmd: strslice,
  Healthcheck: pointer(healthConfig),
  ArgsEscaped: bool,
  Image: str(),
  Volumes: map(emptyStruct),
  WorkingDir: str(),
  Entrypoint: strslice,
  NetworkDisabled: bool,
  MacAddress: str(),
  OnBuild: strings,
  Labels: stringMap,
  StopSignal: str(),
  StopTimeout: pointer(int("int")),
  Shell: strslice,
});

const weightDevice = struct("blkiodev.WeightDevice", { Path: str(), Weight: uint("uint16", 16) });
const throttleDevice = struct("blkiodev.ThrottleDevice", { Path: str(), Rate: uint("uint64") });

export const deviceMapping = struct("container.DeviceMapping", { PathOnHost: str(), PathInContainer: str(), CgroupPermissions: str() });

export const deviceRequest = struct("container.DeviceRequest", {
  Driver: str(),
  Count: int("int"),
  DeviceIDs: strings,
  Capabilities: slice(strings),
  Options: stringMap,
});

export const ulimit = struct("units.Ulimit", { Name: str(), Hard: int("int64"), Soft: int("int64") });

export const resources = struct("container.Resources", {
  CpuShares: int("int64"),
  Memory: int("int64"),
  NanoCpus: int("int64"),
  CgroupParent: str(),
  BlkioWeight: uint("uint16", 16),
  BlkioWeightDevice: slice(pointer(weightDevice)),
  BlkioDeviceReadBps: slice(pointer(throttleDevice)),
  BlkioDeviceWriteBps: slice(pointer(throttleDevice)),
  BlkioDeviceReadIOps: slice(pointer(throttleDevice)),
  BlkioDeviceWriteIOps: slice(pointer(throttleDevice)),
  CpuPeriod: int("int64"),
  CpuQuota: int("int64"),
  CpuRealtimePeriod: int("int64"),
  CpuRealtimeRuntime: int("int64"),
  CpusetCpus: str(),
  CpusetMems: str(),
  Devices: slice(deviceMapping),
  DeviceCgroupRules: strings,
  DeviceRequests: slice(deviceRequest),
  KernelMemory: int("int64"),
  KernelMemoryTCP: int("int64"),
  MemoryReservation: int("int64"),
  MemorySwap: int("int64"),
  MemorySwappiness: pointer(int("int64")),
  OomKillDisable: pointer(bool),
  PidsLimit: pointer(int("int64")),
  Ulimits: slice(pointer(ulimit)),
  CpuCount: int("int64"),
  CpuPercent: int("int64"),
  IOMaximumIOps: uint("uint64"),
  IOMaximumBandwidth: uint("uint64"),
});

export const restartPolicy = struct("container.RestartPolicy", { Name: str("container.RestartPolicyMode"), MaximumRetryCount: int("int") });

const logConfig = struct("container.LogConfig", { Type: str(), Config: stringMap });
const portBinding = struct("nat.PortBinding", { HostIp: str(), HostPort: str() });

const mountStruct = struct("mount.Mount", {
  Type: str("mount.Type"),
  Source: str(),
  Target: str(),
  ReadOnly: bool,
  Consistency: str("mount.Consistency"),
  BindOptions: pointer(
    struct("mount.BindOptions", { Propagation: str("mount.Propagation"), NonRecursive: bool, CreateMountpoint: bool, ReadOnlyNonRecursive: bool, ReadOnlyForceRecursive: bool }),
  ),
  VolumeOptions: pointer(
    struct("mount.VolumeOptions", { NoCopy: bool, Labels: stringMap, Subpath: str(), DriverConfig: pointer(struct("mount.Driver", { Name: str(), Options: stringMap })) }),
  ),
  TmpfsOptions: pointer(struct("mount.TmpfsOptions", { SizeBytes: int("int64"), Mode: uint("fs.FileMode", 32), Options: slice(strings) })),
  ClusterOptions: pointer(struct("mount.ClusterOptions", {})),
});

export const hostConfig = struct(
  "container.HostConfig",
  {
    Binds: strings,
    ContainerIDFile: str(),
    LogConfig: logConfig,
    NetworkMode: str("container.NetworkMode"),
    PortBindings: map(slice(portBinding), "nat.PortMap"),
    RestartPolicy: restartPolicy,
    AutoRemove: bool,
    VolumeDriver: str(),
    VolumesFrom: strings,
    ConsoleSize: array(uint("uint"), 2),
    Annotations: stringMap,
    CapAdd: strslice,
    CapDrop: strslice,
    CgroupnsMode: str("container.CgroupnsMode"),
    Dns: strings,
    DnsOptions: strings,
    DnsSearch: strings,
    ExtraHosts: strings,
    GroupAdd: strings,
    IpcMode: str("container.IpcMode"),
    Cgroup: str("container.CgroupSpec"),
    Links: strings,
    OomScoreAdj: int("int"),
    PidMode: str("container.PidMode"),
    Privileged: bool,
    PublishAllPorts: bool,
    ReadonlyRootfs: bool,
    SecurityOpt: strings,
    StorageOpt: stringMap,
    Tmpfs: stringMap,
    UTSMode: str("container.UTSMode"),
    UsernsMode: str("container.UsernsMode"),
    ShmSize: int("int64"),
    Sysctls: stringMap,
    Runtime: str(),
    Isolation: str("container.Isolation"),
    Mounts: slice(mountStruct),
    MaskedPaths: strings,
    ReadonlyPaths: strings,
    Init: pointer(bool),
  },
  [resources],
);

export const endpointSettings = struct("network.EndpointSettings", {
  IPAMConfig: pointer(struct("network.EndpointIPAMConfig", { IPv4Address: str(), IPv6Address: str(), LinkLocalIPs: strings })),
  Links: strings,
  Aliases: strings,
  MacAddress: str(),
  DriverOpts: stringMap,
  NetworkID: str(),
  EndpointID: str(),
  Gateway: str(),
  IPAddress: str(),
  IPPrefixLen: int("int"),
  IPv6Gateway: str(),
  GlobalIPv6Address: str(),
  GlobalIPv6PrefixLen: int("int"),
  DNSNames: strings,
});

export const networkingConfig = struct("network.NetworkingConfig", { EndpointsConfig: map(pointer(endpointSettings)) });

/** The body of POST /containers/create: Config's fields at the top, with two more. */
export const createRequest: GoStruct = struct(
  "container.CreateRequest",
  { HostConfig: pointer(hostConfig), NetworkingConfig: pointer(networkingConfig) },
  [pointer(containerConfig)],
);

/** The body of POST /containers/{id}/exec. */
export const execOptions = struct("container.ExecOptions", {
  User: str(),
  Privileged: bool,
  Tty: bool,
  ConsoleSize: pointer(array(uint("uint"), 2)),
  AttachStdin: bool,
  AttachStderr: bool,
  AttachStdout: bool,
  Detach: bool,
  DetachKeys: str(),
  Env: strings,
  WorkingDir: str(),
  Cmd: strings,
});

/** The body of POST /exec/{id}/start. */
export const execStartOptions = struct("container.ExecStartOptions", { Detach: bool, Tty: bool, ConsoleSize: pointer(array(uint("uint"), 2)) });

/** The bodies of POST /networks/{id}/connect and /disconnect. */
export const networkConnectOptions = struct("network.ConnectOptions", { Container: str(), EndpointConfig: pointer(endpointSettings) });
export const networkDisconnectOptions = struct("network.DisconnectOptions", { Container: str(), Force: bool });

export const ipamConfig = struct("network.IPAMConfig", { Subnet: str(), IPRange: str(), Gateway: str(), AuxiliaryAddresses: stringMap });

/**
 * The body of POST /networks/create (moby's network.CreateRequest, CreateOptions embedded), with
 * the swagger's EnableIPv4, which Docker 27's struct lacks (Docker 28 reads it).
 */
export const networkCreateRequest: GoStruct = struct(
  "network.CreateRequest",
  { Name: str(), CheckDuplicate: pointer(bool) },
  [
    struct("network.CreateOptions", {
      Driver: str(),
      Scope: str(),
      EnableIPv4: pointer(bool),
      EnableIPv6: pointer(bool),
      IPAM: pointer(struct("network.IPAM", { Driver: str(), Options: stringMap, Config: slice(ipamConfig) })),
      Internal: bool,
      Attachable: bool,
      Ingress: bool,
      ConfigOnly: bool,
      ConfigFrom: pointer(struct("network.ConfigReference", { Network: str() })),
      Options: stringMap,
      Labels: stringMap,
    }),
  ],
);
