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
    Plugins: { Volume: ["local"], Network: ["host", "null"], Authorization: null, Log: ["json-file"] },
    MemoryLimit: true,
    SwapLimit: false,
    CpuCfsPeriod: true,
    CpuCfsQuota: true,
    CPUShares: true,
    CPUSet: false,
    PidsLimit: true,
    IPv4Forwarding: false,
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
    RegistryConfig: { IndexConfigs: {}, InsecureRegistryCIDRs: [], Mirrors: [] },
    NCPU: 1,
    MemTotal: info.memTotal,
    DockerRootDir: "/var/lib/docker",
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
    SecurityOptions: ["name=cgroupns"],
    Warnings: [],
  };
}
