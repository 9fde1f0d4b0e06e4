import { DrydockError } from "../../shared/errors";
import { sha256Hex } from "../../shared/sha256";

/**
 * Where the guest image files (public/images) come from: the disk in Node, HTTP in the browser.
 * `read` rejects with a NotFound DrydockError when the file does not exist.
 */
export interface ImageSource {
  /** Human-readable place of a file, for error messages ("public/images/bzImage"). */
  describe(name: string): string;
  read(name: string, onProgress?: (loadedBytes: number) => void): Promise<Uint8Array>;
}

/** Refuses a file whose size or sha256 differs from what its record (the manifest) promises. */
export async function verifyImage(
  source: ImageSource,
  name: string,
  bytes: Uint8Array,
  expected: { sha256: string; size: number },
  rebuildHint: string,
  record = "the manifest",
): Promise<void> {
  const where = source.describe(name);
  if (bytes.length !== expected.size) {
    throw new DrydockError(
      "Internal",
      `${where} is damaged: it is ${bytes.length} bytes, ${record} says ${expected.size}. ${rebuildHint}`,
    );
  }
  const actual = await sha256Hex(bytes);
  if (actual !== expected.sha256) {
    throw new DrydockError(
      "Internal",
      `${where} is damaged: its sha256 is ${actual}, ${record} says ${expected.sha256}. ${rebuildHint}`,
    );
  }
}

export async function readJson<T>(source: ImageSource, name: string): Promise<T> {
  const bytes = await source.read(name);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch (error) {
    throw new DrydockError("Internal", `${source.describe(name)} is not valid JSON`, { cause: error });
  }
}
