import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { DrydockError } from "../shared/errors";
import type { ImageSource } from "../engine/machine/image-source";

/** public/images on disk. */
export class FsImageSource implements ImageSource {
  constructor(private readonly dir: string) {}

  describe(name: string): string {
    return relative(process.cwd(), join(this.dir, name)) || name;
  }

  async read(name: string, onProgress?: (loadedBytes: number) => void): Promise<Uint8Array> {
    try {
      const bytes = new Uint8Array(await readFile(join(this.dir, name)));
      onProgress?.(bytes.length);
      return bytes;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        throw new DrydockError("NotFound", `${this.describe(name)} is missing`, { cause: error });
      }
      throw error;
    }
  }
}
