import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { verifyDigest, type BlobStore } from "../../engine/storage/blob-store";
import { DrydockError } from "../../shared/errors";
import { removePartials } from "./partials";

/** Blobs under DIR/sha256/HEX; written to a temporary name, then renamed into place. */
export class FsBlobStore implements BlobStore {
  /** Each write has a temporary file of its own: two puts of one blob must not share one. */
  private writes = 0;

  constructor(private readonly dir: string) {}

  async has(digest: string): Promise<boolean> {
    return stat(this.path(digest)).then(
      () => true,
      () => false,
    );
  }

  async get(digest: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.path(digest)));
    } catch {
      throw new DrydockError("NotFound", `blob unknown: ${digest}`);
    }
  }

  async put(digest: string, bytes: Uint8Array): Promise<void> {
    await verifyDigest(digest, bytes);
    const target = this.path(digest);
    await mkdir(join(this.dir, "sha256"), { recursive: true });
    const temp = `${target}.${process.pid}.${++this.writes}.partial`;
    await writeFile(temp, bytes);
    await rename(temp, target);
  }

  async delete(digest: string): Promise<void> {
    await rm(this.path(digest), { force: true });
  }

  async size(): Promise<number> {
    const names = await readdir(join(this.dir, "sha256")).catch(() => [] as string[]);
    const sizes = await Promise.all(names.filter((n) => !n.endsWith(".partial")).map((n) => stat(join(this.dir, "sha256", n)).then((s) => s.size)));
    return sizes.reduce((a, b) => a + b, 0);
  }

  /** Deletes what writes cut short left (a pull killed mid-blob); only while no other daemon uses the directory. */
  async removeLeftovers(): Promise<void> {
    await removePartials(join(this.dir, "sha256"));
  }

  private path(digest: string): string {
    const hex = /^sha256:([a-f0-9]{64})$/.exec(digest)?.[1];
    if (!hex) throw new DrydockError("InvalidParameter", `invalid digest: ${JSON.stringify(digest)}`);
    return join(this.dir, "sha256", hex);
  }
}
