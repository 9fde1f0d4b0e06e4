import { DrydockError } from "../../shared/errors";
import { sha256Hex } from "../../shared/sha256";

/**
 * Content-addressed blobs (layers, configs, manifests) by "sha256:<hex>". `put` verifies the
 * content against the digest and stores nothing when they differ; a stored blob is whole.
 */
export interface BlobStore {
  has(digest: string): Promise<boolean>;
  /** Rejects with NotFound when absent. */
  get(digest: string): Promise<Uint8Array>;
  put(digest: string, bytes: Uint8Array): Promise<void>;
  delete(digest: string): Promise<void>;
  /** Total bytes stored. */
  size(): Promise<number>;
}

/** Checks a digest's form and that `bytes` hash to it (WebCrypto: whole blobs are in hand). */
export async function verifyDigest(digest: string, bytes: Uint8Array): Promise<void> {
  const match = /^sha256:([a-f0-9]{64})$/.exec(digest);
  if (!match) throw new DrydockError("InvalidParameter", `invalid digest: ${JSON.stringify(digest)}`);
  const actual = await sha256Hex(bytes);
  if (actual !== match[1]) {
    throw new DrydockError("InvalidParameter", `digest mismatch: expected ${digest}, got sha256:${actual}`);
  }
}

export class MemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Uint8Array>();

  async has(digest: string): Promise<boolean> {
    return this.blobs.has(digest);
  }

  async get(digest: string): Promise<Uint8Array> {
    const blob = this.blobs.get(digest);
    if (!blob) throw new DrydockError("NotFound", `blob unknown: ${digest}`);
    return blob;
  }

  async put(digest: string, bytes: Uint8Array): Promise<void> {
    await verifyDigest(digest, bytes);
    this.blobs.set(digest, bytes);
  }

  async delete(digest: string): Promise<void> {
    this.blobs.delete(digest);
  }

  async size(): Promise<number> {
    let total = 0;
    for (const blob of this.blobs.values()) total += blob.length;
    return total;
  }
}
