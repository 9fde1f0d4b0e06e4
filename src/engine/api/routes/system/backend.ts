import type { DiskUsage, SystemInfo } from "../../../daemon/system";

/** What the system routes need of the daemon (moby's router/system Backend). */
export interface SystemBackend {
  version(): Promise<{ version: string; kernelVersion: string }>;
  info(): Promise<SystemInfo>;
  diskUsage(): Promise<DiskUsage>;
}
