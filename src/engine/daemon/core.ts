import type { ImageFsReader } from "../builder/image-fs";
import type { BuildCache } from "./build/build-cache";
import type { ImageRecord, ImageStore } from "../image/image-store";
import type { LayerStore } from "../layer/layer-store";
import type { RegistryClient } from "../registry/registry-client";
import type { Runtime } from "../runtime/runtime";
import type { BlobStore } from "../storage/blob-store";
import type { ContainerRepository } from "./container-repository";
import type { ContainerStore } from "./container-store";
import type { EventLog } from "./events";
import type { Networks } from "./networks/networks";
import type { RestartManager } from "./restart-manager";
import type { PortMapper } from "./containers/ports";

/** What the daemon knows of the machine it runs on (the guest's kernel and memory). */
export interface HostFacts {
  kernelVersion: string;
  memTotal: number;
}

/** The layer store as the daemon uses it: pulls unpack layers, creates make sure they are there. */
export type Layers = Pick<LayerStore, "has" | "unpack" | "size">;

/** What every concern of the daemon shares: its runtime, its stores, its events. */
export interface DaemonCore {
  readonly runtime: Runtime;
  readonly layers: Layers;
  readonly blobs: BlobStore;
  readonly registry: RegistryClient;
  readonly images: ImageStore;
  /** Images' file systems read from their layer blobs (COPY, docker diff), listings kept. */
  readonly imageFs: ImageFsReader;
  /** Build steps' images by step key: it keeps their layer blobs until `docker builder prune`. */
  readonly buildCache: BuildCache;
  readonly containers: ContainerStore;
  readonly repository: ContainerRepository;
  readonly events: EventLog;
  /** The networks, whose allocate/release give containers their addresses (wired to containers later). */
  readonly networks: Networks;
  readonly restarts: RestartManager;
  /** Host ports of running containers, and the listeners that make them reachable. */
  readonly ports: PortMapper;
  readonly host: HostFacts;
  /** A new 64-hex-digit ID for a container or an exec. */
  newId(): string;
}

/** An image's layers into the VM's layer store (a new VM starts without them). */
export async function unpackLayers(core: DaemonCore, image: ImageRecord): Promise<void> {
  for (const [i, layer] of image.layers.entries()) {
    const diffId = image.config.rootfs.diff_ids[i]!;
    // Read the blob only for a layer this VM lacks: most creates find every layer unpacked.
    if (!core.layers.has(diffId)) await core.layers.unpack(diffId, await core.blobs.get(layer.digest));
  }
}
