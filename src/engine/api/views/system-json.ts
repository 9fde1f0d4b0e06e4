import type { SystemInfo, SystemVersion } from "../../../shared/engine-api/system";
import type { SystemInfo as SystemFacts } from "../../daemon/system";
import { API_VERSION, MIN_API_VERSION } from "../router";

/** `GET /version`. */
export function versionJson(version: { version: string; kernelVersion: string }): SystemVersion {
  const { version: engine, kernelVersion } = version;
  return {
    Platform: { Name: "Drydock" },
    Components: [{ Name: "Engine", Version: engine, Details: { ApiVersion: API_VERSION, MinAPIVersion: MIN_API_VERSION, Os: "linux", Arch: "386", KernelVersion: kernelVersion, GitCommit: "drydock", GoVersion: "none (TypeScript)", BuildTime: "", Experimental: "false" } }],
    Version: engine,
    ApiVersion: API_VERSION,
    MinAPIVersion: MIN_API_VERSION,
    GitCommit: "drydock",
    GoVersion: "none (TypeScript)",
    Os: "linux",
    Arch: "386",
    KernelVersion: kernelVersion,
    BuildTime: "",
  };
}

const NOT_AVAILABLE = { ID: "N/A", Expected: "N/A" };

/** `GET /info`: the counts and the machine's facts, with what Drydock is (and is not) made of. */
export function infoJson(info: SystemFacts): SystemInfo {
  return {
    ID: "drydock",
    Containers: info.containers,
    ContainersRunning: info.running,
    ContainersPaused: info.paused,
    ContainersStopped: info.stopped,
    Images: info.images,
    Driver: "overlay2",
    DriverStatus: [["Backing Filesystem", "9p (image layers) and tmpfs (container layers)"]],
    Plugins: { Volume: ["local"], Network: ["bridge", "host", "null"], Authorization: null, Log: ["json-file"] },
    MemoryLimit: true,
    SwapLimit: false,
    CpuCfsPeriod: true,
    CpuCfsQuota: true,
    CPUShares: true,
    CPUSet: false,
    PidsLimit: true,
    IPv4Forwarding: false,
    // Deprecated in API 1.48 and always false there; Drydock has no bridge to filter.
    BridgeNfIptables: false,
    BridgeNfIp6tables: false,
    Debug: false,
    NFd: 0,
    OomKillDisable: false,
    NGoroutines: 0,
    SystemTime: new Date().toISOString(),
    LoggingDriver: "json-file",
    CgroupDriver: "cgroupfs",
    CgroupVersion: "2",
    NEventsListener: 0,
    KernelVersion: info.kernelVersion,
    OperatingSystem: "Drydock (an i686 Linux emulated by v86)",
    OSVersion: "",
    OSType: "linux",
    Architecture: "i686",
    IndexServerAddress: "https://index.docker.io/v1/",
    // The built-in hub answers for Docker Hub, the one official index.
    RegistryConfig: {
      AllowNondistributableArtifactsCIDRs: null,
      AllowNondistributableArtifactsHostnames: null,
      InsecureRegistryCIDRs: [],
      IndexConfigs: { "docker.io": { Name: "docker.io", Mirrors: [], Secure: true, Official: true } },
      Mirrors: [],
    },
    GenericResources: null,
    NCPU: 1,
    MemTotal: info.memTotal,
    DockerRootDir: "/var/lib/docker",
    HttpProxy: "",
    HttpsProxy: "",
    NoProxy: "",
    Name: info.name,
    Labels: [],
    ExperimentalBuild: false,
    ServerVersion: info.version,
    Runtimes: { runc: { path: "drydock-agent" } },
    DefaultRuntime: "runc",
    Swarm: { NodeID: "", NodeAddr: "", LocalNodeState: "inactive", ControlAvailable: false, Error: "", RemoteManagers: null },
    LiveRestoreEnabled: false,
    Isolation: "",
    InitBinary: "",
    // What Docker reports when it cannot read a tool's version: Drydock runs neither containerd, runc nor an init.
    ContainerdCommit: NOT_AVAILABLE,
    RuncCommit: NOT_AVAILABLE,
    InitCommit: NOT_AVAILABLE,
    SecurityOptions: ["name=cgroupns"],
    CDISpecDirs: [],
    Warnings: [],
  };
}
