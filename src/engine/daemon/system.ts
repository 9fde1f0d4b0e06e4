import { DRYDOCK_VERSION } from "../../shared/version";
import { cacheUsage, type CacheUsage } from "./build/builds";
import { containerSummaries, type ContainerSummary } from "./containers/monitor";
import type { DaemonCore } from "./core";
import { imageSummaries, layersSize, type ImageUsage } from "./images/images";

/** What `GET /info` reports of the daemon and its machine. */
export interface SystemInfo {
  containers: number;
  running: number;
  paused: number;
  stopped: number;
  images: number;
  version: string;
  kernelVersion: string;
  memTotal: number;
  name: string;
}

/** What `GET /system/df` reports. */
export interface DiskUsage {
  layersSize: number;
  images: ImageUsage[];
  containers: ContainerSummary[];
  buildCache: CacheUsage[];
}

/** The daemon as a whole: its version, its counts, its disk usage. */
export class System {
  constructor(private readonly core: DaemonCore) {}

  async version(): Promise<{ version: string; kernelVersion: string }> {
    return { version: DRYDOCK_VERSION, kernelVersion: this.core.host.kernelVersion };
  }

  async info(): Promise<SystemInfo> {
    const containers = this.core.containers.list();
    const images = await this.core.images.list();
    return {
      containers: containers.length,
      running: containers.filter((c) => c.state.Running && !c.state.Paused).length,
      paused: containers.filter((c) => c.state.Paused).length,
      stopped: containers.filter((c) => !c.state.Running).length,
      images: images.length,
      version: DRYDOCK_VERSION,
      kernelVersion: this.core.host.kernelVersion,
      memTotal: this.core.host.memTotal,
      name: "drydock",
    };
  }

  /** Each layer counted once, each image with its containers and the bytes it shares, as Docker counts them. */
  async diskUsage(): Promise<DiskUsage> {
    const images = await this.core.images.list();
    return {
      layersSize: await layersSize(this.core, images),
      images: await imageSummaries(this.core, images, images, { containers: true, sharedSize: true }),
      containers: await containerSummaries(this.core, this.core.containers.list()),
      buildCache: await cacheUsage(this.core),
    };
  }
}
