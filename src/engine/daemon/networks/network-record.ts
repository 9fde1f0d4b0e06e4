import type { KvStore } from "../../storage/kv-store";

/** A container's endpoint on a network: what inspect's Containers shows, kept with the network. */
export interface EndpointRecord {
  containerId: string;
  /** The container's name without its slash ("" until the wiring knows it). */
  name: string;
  endpointId: string;
  /** "172.18.0.2/16"; "" on host and none. */
  ipv4: string;
  /** "02:42:ac:12:00:02"; "" on host and none. */
  mac: string;
}

/** A network's addresses: one IPv4 subnet (Drydock's networks have no IPv6). */
export interface IpamRecord {
  subnet: string;
  gateway: string;
  ipRange?: string;
}

export type NetworkDriver = "bridge" | "host" | "null";

/** What the store keeps of a network, built-in or user-defined. */
export interface NetworkRecord {
  id: string;
  name: string;
  /** RFC 3339 with nanoseconds, as Docker's Created. */
  created: string;
  driver: NetworkDriver;
  internal: boolean;
  attachable: boolean;
  /** IPAM as the create request gave it ({} when the client sent an empty map), null if not. */
  ipamOptions: Record<string, string> | null;
  /** The subnet, null for host and none (whose IPAM Config is null, as Docker 27's). */
  ipam: IpamRecord | null;
  /** Whether the user gave the subnet (a static --ip needs one, as in Docker). */
  subnetGiven: boolean;
  options: Record<string, string>;
  labels: Record<string, string>;
  /** The serial allocator's cursor: the last address given (Docker hands addresses out in turn). */
  lastAllocated?: number;
  /** By container ID. */
  endpoints: Record<string, EndpointRecord>;
}

const PREFIX = "network/";

/** Networks' records in the KvStore, written whole on every change, in the order asked. */
export class NetworkRepository {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly kv: KvStore) {}

  save(network: NetworkRecord): Promise<void> {
    const copy = structuredClone(network);
    return this.enqueue(() => this.kv.put(PREFIX + network.id, copy));
  }

  remove(id: string): Promise<void> {
    return this.enqueue(() => this.kv.delete(PREFIX + id));
  }

  async load(): Promise<NetworkRecord[]> {
    const records: NetworkRecord[] = [];
    for (const key of await this.kv.keys(PREFIX)) {
      const record = await this.kv.get<NetworkRecord>(key);
      if (record) records.push(record);
    }
    return records.sort((a, b) => a.created.localeCompare(b.created));
  }

  private enqueue(write: () => Promise<void>): Promise<void> {
    const done = this.queue.then(write);
    this.queue = done.catch(() => undefined);
    return done;
  }
}
