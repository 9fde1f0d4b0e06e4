import { DrydockError } from "../../shared/errors";
import type { ImageConfig } from "../../shared/oci";
import type { KvStore } from "../storage/kv-store";
import { canonicalString, familiarString, parseReference, withDefaultTag, type Reference } from "./reference";

export interface ImageRecord {
  /** "sha256:<hex>" of the config blob: Docker's image ID. */
  id: string;
  /** Canonical references: docker.io/library/busybox:latest. */
  tags: string[];
  /** Canonical repository@digest of what the registry served. */
  digests: string[];
  config: ImageConfig;
  /** Layer blobs (compressed), in order, their sizes, and (pulled since it is kept) the size unpacked. */
  layers: { digest: string; size: number; mediaType: string; unpackedSize?: number }[];
  /** Unpacked size in bytes (what `docker images` shows). */
  size: number;
}

const PREFIX = "image/";

/** Images by ID, with their tags; records in a KvStore so they outlive a reload. */
export class ImageStore {
  constructor(private readonly kv: KvStore) {}

  async list(): Promise<ImageRecord[]> {
    const keys = await this.kv.keys(PREFIX);
    const records = await Promise.all(keys.map((key) => this.kv.get<ImageRecord>(key)));
    return records.filter((r): r is ImageRecord => r !== undefined);
  }

  async put(record: ImageRecord): Promise<void> {
    // A tag names one image: taking it moves it from whichever image had it.
    for (const other of await this.list()) {
      if (other.id === record.id) continue;
      const tags = other.tags.filter((tag) => !record.tags.includes(tag));
      if (tags.length !== other.tags.length) await this.kv.put(PREFIX + other.id, { ...other, tags });
    }
    await this.kv.put(PREFIX + record.id, record);
  }

  async delete(id: string): Promise<void> {
    await this.kv.delete(PREFIX + id);
  }

  /** An image by reference (busybox, busybox:latest, repo@digest), full ID, or unique ID prefix. */
  async find(text: string): Promise<ImageRecord | undefined> {
    const id = /^(sha256:)?([a-f0-9]{1,64})$/.exec(text);
    // A full ID is one record: no walk over every image (containers look theirs up by it).
    if (id && (id[1] || id[2]!.length === 64)) return this.kv.get<ImageRecord>(`${PREFIX}sha256:${id[2]}`);
    const images = await this.list();
    if (id) {
      const matches = images.filter((image) => image.id.slice(7).startsWith(id[2]!));
      if (matches.length === 1) return matches[0];
      if (matches.length > 1 && !isReference(text)) throw new DrydockError("InvalidParameter", `image ID ${text} is ambiguous`);
    }
    let reference: Reference;
    try {
      reference = withDefaultTag(parseReference(text));
    } catch {
      return undefined;
    }
    const canonical = canonicalString(reference);
    return images.find((image) => image.tags.includes(canonical) || image.digests.includes(canonical));
  }

  /** Like find, or NotFound with Docker's message. */
  async get(text: string): Promise<ImageRecord> {
    const image = await this.find(text);
    if (image) return image;
    if (!/^(sha256:)?[a-f0-9]{1,64}$/.test(text)) parseReference(text); // "invalid reference format" before "No such image"
    throw new DrydockError("NotFound", `No such image: ${displayName(text)}`);
  }
}

/** When the image was made, as its config says (the epoch when it does not). */
export function imageCreated(image: ImageRecord): string {
  return image.config.created ?? "1970-01-01T00:00:00Z";
}

/** `imageCreated` in Unix seconds, as the API's lists give it (and sort by it). */
export function imageCreatedSeconds(image: ImageRecord): number {
  return Math.floor(Date.parse(imageCreated(image)) / 1000);
}

/** busybox → busybox:latest, as Docker names a missing image. */
export function displayName(text: string): string {
  try {
    return familiarString(withDefaultTag(parseReference(text)));
  } catch {
    return text;
  }
}

function isReference(text: string): boolean {
  try {
    parseReference(text);
    return true;
  } catch {
    return false;
  }
}
