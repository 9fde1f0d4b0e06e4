import type { ContainerCreateBody, ContainerState } from "../../shared/engine-api/containers";
import type { Container } from "../container/container";
import type { KvStore } from "../storage/kv-store";

const PREFIX = "container/";

/** What the record store keeps of a container. */
export interface ContainerRecord {
  id: string;
  name: string;
  created: string;
  imageId: string;
  config: ContainerCreateBody;
  path: string;
  args: string[];
  state: ContainerState;
  restartCount: number;
  manuallyStopped: boolean;
}

/**
 * The container repository: containers' records in the KvStore, saved on every change and
 * loaded when a daemon starts. Writes of one container go one at a time in the order
 * they were asked for, and none lands after its removal: an exit saved while `rm -f` runs
 * would otherwise write the record back after its deletion, and the container would return
 * with the next daemon.
 */
export class ContainerRepository {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly removed = new Set<string>();

  constructor(private readonly kv: KvStore) {}

  /** Saves what the container is now (read at once: a later change is a later save). */
  save(container: Container): Promise<void> {
    const record: ContainerRecord = {
      id: container.id,
      name: container.name,
      created: container.created,
      imageId: container.imageId,
      config: container.config,
      path: container.path,
      args: container.args,
      state: container.state,
      restartCount: container.restartCount,
      manuallyStopped: container.manuallyStopped,
    };
    return this.enqueue(container.id, () => (this.removed.has(container.id) ? Promise.resolve() : this.kv.put(PREFIX + container.id, record)));
  }

  /** Resolves once the record is gone from the store, after any write asked for before. */
  remove(id: string): Promise<void> {
    this.removed.add(id);
    return this.enqueue(id, () => this.kv.delete(PREFIX + id));
  }

  /** Every record kept, oldest first. */
  async load(): Promise<ContainerRecord[]> {
    const records: ContainerRecord[] = [];
    for (const key of await this.kv.keys(PREFIX)) {
      const record = await this.kv.get<ContainerRecord>(key);
      if (record) records.push(record);
    }
    return records.sort((a, b) => a.created.localeCompare(b.created));
  }

  private enqueue(id: string, write: () => Promise<void>): Promise<void> {
    const done = (this.queues.get(id) ?? Promise.resolve()).then(write);
    const tail = done.catch(() => undefined);
    this.queues.set(id, tail);
    void tail.then(() => {
      if (this.queues.get(id) === tail) this.queues.delete(id);
    });
    return done;
  }
}
