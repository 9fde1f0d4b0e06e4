import type { EndpointConfig } from "../../../shared/engine-api/containers";
import type { NetworkAttachments } from "./attachments";
import type { NetworkCreateRequest, NetworkCreateResponse } from "../../../shared/engine-api/networks";
import { activeEndpoints, ambiguousNetwork, noSuchNetwork, predefinedNetworkRemoval } from "../errors";
import type { EventLog } from "../events";
import type { Filters } from "../filters/filters";
import { listNetworks, prunableNetworks } from "../filters/network-filters";
import { newNetwork, PREDEFINED } from "./create";
import { allocation, endpointAddr, nextAddress, requestedAddress, type Allocation } from "./ipam";
import type { NetworkRecord, NetworkRepository } from "./network-record";
import { DrydockError } from "../../../shared/errors";

/** The default bridge's options, as Docker 27 shows them. */
export const DEFAULT_BRIDGE_OPTIONS: Readonly<Record<string, string>> = {
  "com.docker.network.bridge.default_bridge": "true",
  "com.docker.network.bridge.enable_icc": "true",
  "com.docker.network.bridge.enable_ip_masquerade": "true",
  "com.docker.network.bridge.host_binding_ipv4": "0.0.0.0",
  "com.docker.network.bridge.name": "docker0",
  "com.docker.network.driver.mtu": "1500",
};

/** The built-in networks as a new daemon makes them (their IDs random, then kept). */
function builtIn(name: "bridge" | "host" | "none", id: string, created: string): NetworkRecord {
  const common = { id, name, created, internal: false, attachable: false, ipamOptions: null, subnetGiven: false, labels: {}, endpoints: {} };
  if (name === "bridge") return { ...common, driver: "bridge", ipam: { subnet: "172.17.0.0/16", gateway: "172.17.0.1" }, options: { ...DEFAULT_BRIDGE_OPTIONS } };
  return { ...common, driver: name === "host" ? "host" : "null", ipam: null, options: {} };
}

/** RFC 3339 with nanoseconds, as Go writes a time.Time in JSON. */
const nanoTime = (ms: number) => new Date(ms).toISOString().replace("Z", "000000Z");

/**
 * The daemon's networks: the three Docker always has (bridge, host, none) and user-defined
 * bridges, kept in the KvStore; each network's endpoints (a container's address and MAC) are
 * kept in its record, given out by allocate and taken back by release.
 */
export class Networks {
  private readonly byId = new Map<string, NetworkRecord>();
  private loading: Promise<void> | undefined;
  /** One change at a time: a create's subnet is chosen against the networks there are. */
  private lock: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly repository: NetworkRepository,
    private readonly events: EventLog,
    private readonly newId: () => string,
    /** Told of a removed network (the runtime takes its bridge down). */
    private readonly onDestroyed: (network: NetworkRecord) => Promise<void> = async () => undefined,
    /** Who connects containers: the daemon's, made after the store it uses. */
    private readonly attachments: () => Pick<NetworkAttachments, "connect" | "disconnect"> = () => {
      throw new DrydockError("NotImplemented", "connecting a container to a network is not supported here");
    },
  ) {}

  /** The records kept, and the built-in networks made if the store had none yet. */
  load(): Promise<void> {
    this.loading ??= (async () => {
      for (const record of await this.repository.load()) this.byId.set(record.id, record);
      for (const name of ["bridge", "host", "none"] as const) {
        if (this.all().some((network) => network.name === name)) continue;
        const record = builtIn(name, this.newId(), nanoTime(Date.now()));
        this.byId.set(record.id, record);
        await this.repository.save(record);
      }
    })();
    return this.loading;
  }

  /** `GET /networks`: oldest first. */
  async list(filters: Filters): Promise<NetworkRecord[]> {
    await this.load();
    return listNetworks(this.all(), filters);
  }

  /** `GET /networks/{id}`: by full ID, then name, then unique ID prefix, as Docker's router finds one. */
  async inspect(term: string): Promise<NetworkRecord> {
    await this.load();
    return structuredClone(this.find(term));
  }

  /** `POST /networks/create`. */
  create(request: NetworkCreateRequest): Promise<NetworkCreateResponse> {
    return this.serially(async () => {
      await this.load();
      const record = newNetwork(request, this.all(), this.newId(), nanoTime(Date.now()));
      this.byId.set(record.id, record);
      await this.repository.save(record);
      this.events.emit("network", "create", record.id, { name: record.name, type: record.driver });
      return { Id: record.id, Warning: "" };
    });
  }

  /** `DELETE /networks/{id}`. */
  remove(term: string): Promise<void> {
    return this.serially(async () => {
      await this.load();
      await this.delete(this.find(term));
    });
  }

  /** `POST /networks/prune`: the names of the networks removed. */
  prune(filters: Filters): Promise<string[]> {
    return this.serially(async () => {
      await this.load();
      const removed: string[] = [];
      for (const network of prunableNetworks(this.all(), filters, Date.now())) {
        await this.delete(network);
        removed.push(network.name);
      }
      this.events.emit("network", "prune", "", { reclaimed: "0" });
      return removed;
    });
  }

  /** `POST /networks/{id}/connect`: the container's endpoint (a device if it runs), as attachments make it. */
  connect(term: string, container: string, settings: EndpointConfig): Promise<void> {
    return this.attachments().connect(term, container, settings);
  }

  /** `POST /networks/{id}/disconnect`. */
  disconnect(term: string, container: string, force: boolean): Promise<void> {
    return this.attachments().disconnect(term, container, force);
  }

  /**
   * An address on the network for the container, recorded as its endpoint (so inspect's
   * Containers shows it and the network cannot be removed while it is there): the next free
   * one, or `requestedIp` (a --ip, in a subnet the user gave). On host and none the endpoint
   * has no address, as in Docker. A container asking twice gets its address again.
   */
  allocate(networkId: string, containerId: string, requestedIp?: string, containerName = ""): Promise<Allocation> {
    return this.serially(async () => {
      await this.load();
      const network = this.find(networkId);
      const known = network.endpoints[containerId];
      if (known) return { ipv4: known.ipv4, mac: known.mac, gateway: network.ipam?.gateway ?? "" };
      let given: Allocation = { ipv4: "", mac: "", gateway: "" };
      if (network.ipam) {
        const used = new Set(Object.values(network.endpoints).flatMap((endpoint) => endpointAddr(endpoint.ipv4) ?? []));
        let addr: number;
        if (requestedIp) {
          if (!network.subnetGiven) throw new DrydockError("InvalidParameter", "user specified IP address is supported only when connecting to networks with user configured subnets");
          addr = requestedAddress(network.ipam, used, requestedIp);
        } else {
          addr = nextAddress(network.ipam, used, network.lastAllocated);
          network.lastAllocated = addr;
        }
        given = allocation(network.ipam, addr);
      } else if (requestedIp) {
        throw new DrydockError("InvalidParameter", `network ${network.name} gives containers no addresses`);
      }
      network.endpoints[containerId] = { containerId, name: containerName, endpointId: this.newId(), ipv4: given.ipv4, mac: given.mac };
      await this.repository.save(network);
      return given;
    });
  }

  /**
   * After a restart of the daemon, the endpoints of containers that are not running are gone
   * (their processes, and so their veths, went with the VM): their addresses are free again.
   */
  releaseAllBut(running: ReadonlySet<string>): Promise<void> {
    return this.serially(async () => {
      await this.load();
      for (const network of this.all()) {
        const stale = Object.keys(network.endpoints).filter((id) => !running.has(id));
        if (stale.length === 0) continue;
        for (const id of stale) delete network.endpoints[id];
        await this.repository.save(network);
      }
    });
  }

  /** The container's endpoint on the network gone, and its address free again. */
  release(networkId: string, containerId: string): Promise<void> {
    return this.serially(async () => {
      await this.load();
      const network = this.byId.get(networkId) ?? this.find(networkId);
      if (!network.endpoints[containerId]) return;
      delete network.endpoints[containerId];
      await this.repository.save(network);
    });
  }

  private async delete(network: NetworkRecord): Promise<void> {
    if (PREDEFINED.has(network.name)) throw predefinedNetworkRemoval(network.name);
    if (Object.keys(network.endpoints).length > 0) throw activeEndpoints(network.name, network.id);
    this.byId.delete(network.id);
    await this.repository.remove(network.id);
    await this.onDestroyed(network).catch(() => undefined);
    this.events.emit("network", "destroy", network.id, { name: network.name, type: network.driver });
  }

  private all(): NetworkRecord[] {
    return [...this.byId.values()].sort((a, b) => a.created.localeCompare(b.created));
  }

  private find(term: string): NetworkRecord {
    const exact = this.byId.get(term);
    if (exact) return exact;
    const byName = this.all().filter((network) => network.name === term);
    if (byName.length === 1) return byName[0]!;
    if (byName.length > 1) throw ambiguousNetwork(term, byName.length, "name");
    const byPrefix = term ? this.all().filter((network) => network.id.startsWith(term)) : [];
    if (byPrefix.length === 1) return byPrefix[0]!;
    if (byPrefix.length > 1) throw ambiguousNetwork(term, byPrefix.length, "ID prefix");
    throw noSuchNetwork(term);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const done = this.lock.then(work);
    this.lock = done.catch(() => undefined);
    return done;
  }
}
