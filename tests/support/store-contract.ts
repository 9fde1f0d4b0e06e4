import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { BlobStore } from "../../src/engine/storage/blob-store";
import type { KvStore } from "../../src/engine/storage/kv-store";

const digestOf = (bytes: Uint8Array) => "sha256:" + createHash("sha256").update(bytes).digest("hex");

/** One contract for every BlobStore and KvStore implementation (memory, node:fs, IndexedDB). */
export function storeContract(name: string, make: () => Promise<{ blobs: BlobStore; kv: KvStore }>): void {
  describe(`${name} stores`, () => {
    it("keeps blobs by digest, verifies them, and stores nothing that does not match", async () => {
      const { blobs } = await make();
      const bytes = new TextEncoder().encode("layer bytes");
      const digest = digestOf(bytes);
      expect(await blobs.has(digest)).toBe(false);
      await blobs.put(digest, bytes);
      expect(await blobs.has(digest)).toBe(true);
      expect(await blobs.get(digest)).toEqual(bytes);
      expect(await blobs.size()).toBe(bytes.length);
      const other = digestOf(new TextEncoder().encode("other"));
      await expect(blobs.put(other, bytes)).rejects.toThrow(`digest mismatch: expected ${other}, got ${digest}`);
      expect(await blobs.has(other)).toBe(false);
      await expect(blobs.get(other)).rejects.toMatchObject({ kind: "NotFound" });
      await expect(blobs.put("md5:x", bytes)).rejects.toMatchObject({ kind: "InvalidParameter" });
      await blobs.delete(digest);
      expect(await blobs.has(digest)).toBe(false);
    });

    it("keeps records by key and lists them by prefix", async () => {
      const { kv } = await make();
      await kv.put("image/sha256:abc", { tags: ["a/b:c"] });
      await kv.put("image/sha256:def", { tags: [] });
      await kv.put("container/x", 1);
      expect(await kv.get("image/sha256:abc")).toEqual({ tags: ["a/b:c"] });
      expect((await kv.keys("image/")).sort()).toEqual(["image/sha256:abc", "image/sha256:def"]);
      await kv.delete("image/sha256:abc");
      expect(await kv.get("image/sha256:abc")).toBeUndefined();
      expect(await kv.keys("image/")).toEqual(["image/sha256:def"]);
    });
  });
}
