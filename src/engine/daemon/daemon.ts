import { NetworkAttachments } from "./networks/attachments";
import { answerQuery } from "./networks/embedded-dns";
import { ImageFsReader } from "../builder/image-fs";
import { ImageStore } from "../image/image-store";
import type { RegistryClient } from "../registry/registry-client";
import type { Runtime } from "../runtime/runtime";
import type { BlobStore } from "../storage/blob-store";
import type { KvStore } from "../storage/kv-store";
import { ContainerRepository } from "./container-repository";
import { ContainerStore } from "./container-store";
import { BuildCache } from "./build/build-cache";
import { Builds } from "./build/builds";
import { bridgeName } from "./containers/endpoint";
import { Containers } from "./containers/containers";
import { restore, type RestoreSummary } from "./containers/restore";
import { restartByPolicy } from "./containers/start";
import type { DaemonCore, HostFacts, Layers } from "./core";
import { EventLog } from "./events";
import { Execs } from "./exec";
import { Images } from "./images/images";
import { NetworkRepository } from "./networks/network-record";
import { Networks } from "./networks/networks";
import { RestartManager } from "./restart-manager";
import { PortMapper } from "./containers/ports";
import type { PortPublisher } from "../network/port-publisher";
import { System } from "./system";

export interface DaemonOptions {
  runtime: Runtime;
  layers: Layers;
  blobs: BlobStore;
  kv: KvStore;
  registry: RegistryClient;
  host: HostFacts;
  /** Where published ports are made reachable (the guest's sockets, this machine's), and dockerd's --ip. */
  ports?: { publishers: PortPublisher[]; defaultIp?: string };
  /** Random bytes for container IDs (crypto.getRandomValues in both platforms). */
  random?: (bytes: Uint8Array) => Uint8Array;
}

/**
 * The Docker daemon: containers, execs, images, networks, events and the system view, each a concern of
 * its own over the stores they share. Each is what the API's routes for it take.
 */
export class Daemon {
  readonly events = new EventLog();
  readonly containers: Containers;
  readonly execs: Execs;
  readonly images: Images;
  readonly builds: Builds;
  readonly system: System;
  readonly networks: Networks;
  private readonly core: DaemonCore;

  constructor(options: DaemonOptions) {
    const random = (bytes: Uint8Array) => (options.random ? options.random(bytes) : crypto.getRandomValues(bytes as Uint8Array<ArrayBuffer>));
    const newId = () => [...random(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, "0")).join("");
    this.networks = new Networks(
      new NetworkRepository(options.kv),
      this.events,
      newId,
      (network) => (network.driver === "bridge" ? options.runtime.removeBridge(bridgeName(network)) : Promise.resolve()),
      () => attachments,
    );
    const core: DaemonCore = {
      runtime: options.runtime,
      layers: options.layers,
      blobs: options.blobs,
      registry: options.registry,
      host: options.host,
      images: new ImageStore(options.kv),
      imageFs: new ImageFsReader((digest) => options.blobs.get(digest)),
      buildCache: new BuildCache(options.kv),
      containers: new ContainerStore(),
      repository: new ContainerRepository(options.kv),
      events: this.events,
      restarts: new RestartManager((container) => {
        this.events.container(container, "restart");
        void restartByPolicy(core, container).catch(() => undefined);
      }),
      networks: this.networks,
      ports: new PortMapper(options.runtime, options.ports?.publishers ?? [], options.ports?.defaultIp),
      newId,
    };
    this.core = core;
    const attachments = new NetworkAttachments(core);
    // The daemon answers its containers' DNS queries for as long as it and its runtime live.
    options.runtime.serveResolver((containerId, query) => answerQuery(core, containerId, query));
    this.containers = new Containers(core);
    this.execs = new Execs(core);
    this.images = new Images(core);
    this.builds = new Builds(core, this.images);
    this.system = new System(core);
  }

  /** The containers of the daemon that ran before (a restart), as dockerd brings them back. */
  async restore(): Promise<RestoreSummary> {
    await this.networks.load();
    const summary = await restore(this.core);
    // A container restarted by its policy during the restore has its endpoint again; the others' went with the VM.
    await this.networks.releaseAllBut(new Set(this.core.containers.list().filter((c) => c.state.Running).map((c) => c.id)));
    return summary;
  }
}
