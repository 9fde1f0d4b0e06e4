import type { ImageRecord } from "../../image/image-store";
import type { KvStore } from "../../storage/kv-store";

const PREFIX = "build-cache/";

/** A step's result kept for the next build that takes the same step from the same image. */
export interface CacheRecord {
  key: string;
  image: ImageRecord;
  /** Whether the step made a layer of its own (what `docker system df` counts). */
  layer: boolean;
  /** What the step was (its history's CREATED BY). */
  description: string;
  createdAt: string;
  lastUsed: string;
  usageCount: number;
}

/**
 * The build cache: by a step's key (its parent image and what the step does, the content it
 * copies included), the image the step made. In the daemon's KvStore, so it outlives a restart
 * of the daemon and a reload of the page.
 */
export class BuildCache {
  constructor(private readonly kv: KvStore) {}

  async get(key: string): Promise<ImageRecord | undefined> {
    const record = await this.kv.get<CacheRecord>(PREFIX + key);
    if (!record) return undefined;
    await this.kv.put(PREFIX + key, { ...record, lastUsed: new Date().toISOString(), usageCount: record.usageCount + 1 });
    return record.image;
  }

  put(key: string, image: ImageRecord, layer: boolean, description: string): Promise<void> {
    const now = new Date().toISOString();
    return this.kv.put(PREFIX + key, { key, image, layer, description, createdAt: now, lastUsed: now, usageCount: 1 } satisfies CacheRecord);
  }

  /** Whether a layer blob is a cached step's (and so kept when the images that had it go). */
  async holds(digest: string): Promise<boolean> {
    return (await this.list()).some((record) => record.image.layers.some((layer) => layer.digest === digest));
  }

  async list(): Promise<CacheRecord[]> {
    const records = await Promise.all((await this.kv.keys(PREFIX)).map((key) => this.kv.get<CacheRecord>(key)));
    return records.filter((r): r is CacheRecord => r !== undefined);
  }

  delete(key: string): Promise<void> {
    return this.kv.delete(PREFIX + key);
  }
}
