/** The Engine API's system bodies, named and cased as the swagger names them (moby's api/types/system). */
import type { ContainerSummary } from "./containers";
import type { ImageSummary } from "./images";

/** `GET /version`. */
export interface SystemVersion {
  Platform: { Name: string };
  Components: { Name: string; Version: string; Details: Record<string, string> | null }[];
  Version: string;
  ApiVersion: string;
  MinAPIVersion: string;
  GitCommit: string;
  GoVersion: string;
  Os: string;
  Arch: string;
  KernelVersion: string;
  Experimental?: boolean;
  BuildTime: string;
}

/** `GET /info`. */
export interface SystemInfo {
  ID: string;
  Containers: number;
  ContainersRunning: number;
  ContainersPaused: number;
  ContainersStopped: number;
  Images: number;
  Driver: string;
  DriverStatus: [string, string][] | null;
  DockerRootDir: string;
  Plugins: { Volume: string[] | null; Network: string[] | null; Authorization: string[] | null; Log: string[] | null };
  MemoryLimit: boolean;
  SwapLimit: boolean;
  KernelMemoryTCP?: boolean;
  CpuCfsPeriod: boolean;
  CpuCfsQuota: boolean;
  CPUShares: boolean;
  CPUSet: boolean;
  PidsLimit: boolean;
  OomKillDisable: boolean;
  IPv4Forwarding: boolean;
  BridgeNfIptables?: boolean;
  BridgeNfIp6tables?: boolean;
  Debug: boolean;
  NFd: number;
  NGoroutines: number;
  SystemTime: string;
  LoggingDriver: string;
  CgroupDriver: string;
  CgroupVersion: string;
  NEventsListener: number;
  KernelVersion: string;
  OperatingSystem: string;
  OSVersion: string;
  OSType: string;
  Architecture: string;
  NCPU: number;
  MemTotal: number;
  IndexServerAddress: string;
  RegistryConfig: { AllowNondistributableArtifactsCIDRs?: string[] | null; AllowNondistributableArtifactsHostnames?: string[] | null; InsecureRegistryCIDRs: string[] | null; IndexConfigs: Record<string, unknown>; Mirrors: string[] | null };
  GenericResources?: unknown[] | null;
  HttpProxy?: string;
  HttpsProxy?: string;
  NoProxy?: string;
  Name: string;
  Labels: string[];
  ExperimentalBuild: boolean;
  ServerVersion: string;
  Runtimes: Record<string, { path: string; runtimeArgs?: string[] | null }>;
  DefaultRuntime: string;
  Swarm: { NodeID: string; NodeAddr: string; LocalNodeState: string; ControlAvailable: boolean; Error: string; RemoteManagers: unknown[] | null };
  LiveRestoreEnabled: boolean;
  Isolation: string;
  InitBinary: string;
  ContainerdCommit?: { ID: string; Expected?: string };
  RuncCommit?: { ID: string; Expected?: string };
  InitCommit?: { ID: string; Expected?: string };
  SecurityOptions: string[];
  ProductLicense?: string;
  DefaultAddressPools?: { Base: string; Size: number }[];
  Warnings: string[] | null;
  CDISpecDirs?: string[];
  Containerd?: { Address: string; Namespaces: { Containers: string; Plugins: string } } | null;
}

/** `GET /system/df`. */
export interface SystemDataUsageResponse {
  LayersSize: number;
  Images: ImageSummary[];
  Containers: ContainerSummary[];
  Volumes: { Name: string; UsageData?: { Size: number; RefCount: number } | null }[];
  BuildCache: BuildCacheRecord[];
}

/** One record of the build cache, as `GET /system/df` lists it (moby's types.BuildCache). */
export interface BuildCacheRecord {
  ID: string;
  Parents: string[] | null;
  Type: string;
  Description: string;
  InUse: boolean;
  Shared: boolean;
  Size: number;
  CreatedAt: string;
  LastUsedAt: string | null;
  UsageCount: number;
}
