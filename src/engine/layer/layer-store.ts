import { DrydockError } from "../../shared/errors";
import { sha256Hex } from "../../shared/sha256";
import { GuestFiles } from "../machine/guest-files";
import { applyLayer } from "./apply-layer";
import { gunzipped, once } from "./gunzip";
import { readTar } from "./tar-reader";

const LAYERS = "layers";
const META = "layer-meta";
const MASKS = "layer-masks";

interface LayerMeta {
  opaque: string[];
  skippedDevices: string[];
  /** Bytes of the uncompressed tar. */
  size: number;
}


/**
 * Image layers unpacked in the 9p tree by diff ID (the sha256 of the uncompressed tar), where the
 * guest's overlayfs stacks them as lower dirs. A layer is unpacked once, whoever asks; it is
 * verified against its diff ID and appears (renamed into place) only when whole.
 */
export class LayerStore {
  /** Where the store keeps its data in the 9p tree (what a VM restart must carry over). */
  static readonly DIRECTORIES = [LAYERS, META, MASKS] as const;

  private readonly unpacking = new Map<string, Promise<void>>();

  constructor(private readonly files: GuestFiles) {}

  has(diffId: string): boolean {
    return this.files.kind(`${LAYERS}/${hexOf(diffId)}`) === "directory";
  }

  /** Unpacks a layer tar (gzip-compressed or not) unless it is there already. */
  async unpack(diffId: string, source: Uint8Array): Promise<void> {
    const hex = hexOf(diffId);
    if (this.has(diffId)) return;
    let running = this.unpacking.get(hex);
    if (!running) {
      running = this.write(hex, source).finally(() => this.unpacking.delete(hex));
      this.unpacking.set(hex, running);
    }
    return running;
  }

  /**
   * The overlay lower dirs (guest paths, top layer first) for an image's layers (bottom first).
   * overlayfs over 9p cannot see the opaque-directory xattr, so a layer that replaced a
   * directory gets a mask just below it: whiteouts for what the layers below had there.
   */
  async lowerDirs(diffIds: readonly string[]): Promise<string[]> {
    const dirs: string[] = [];
    for (const [i, diffId] of diffIds.entries()) {
      if (!this.has(diffId)) throw new DrydockError("NotFound", `layer ${diffId} is not unpacked`);
      const meta = await this.meta(hexOf(diffId));
      if (i > 0 && meta.opaque.length > 0) dirs.push(await this.mask(diffIds.slice(0, i), diffId, meta.opaque));
      dirs.push(GuestFiles.guestPath(`${LAYERS}/${hexOf(diffId)}`));
    }
    return dirs.reverse();
  }

  private async write(hex: string, source: Uint8Array): Promise<void> {
    const partial = `${LAYERS}/${hex}.partial`;
    this.files.remove(partial);
    // Layers are whole in hand (from the blob store): verified before a byte is written.
    const tar = await gunzipped(source);
    const actual = await sha256Hex(tar);
    if (actual !== hex) {
      throw new DrydockError("InvalidParameter", `layer content does not match its diff ID: expected sha256:${hex}, got sha256:${actual}`);
    }
    try {
      const applied = await applyLayer(readTar(once(tar)), this.files, partial);
      await this.files.writeFile(`${META}/${hex}.json`, JSON.stringify({ ...applied, size: tar.length }));
      await this.files.rename(partial, `${LAYERS}/${hex}`);
    } catch (error) {
      this.files.remove(partial);
      throw error;
    }
  }

  /** The uncompressed size of an unpacked layer. */
  async size(diffId: string): Promise<number> {
    return (await this.meta(hexOf(diffId))).size ?? 0;
  }

  private async meta(hex: string): Promise<LayerMeta> {
    return JSON.parse(new TextDecoder().decode(await this.files.readFile(`${META}/${hex}.json`))) as LayerMeta;
  }

  private async mask(below: readonly string[], diffId: string, opaque: string[]): Promise<string> {
    const key = await sha256Hex([...below, diffId].join("\n"));
    const path = `${MASKS}/${key}`;
    if (this.files.kind(path) !== "directory") {
      const partial = `${path}.partial`;
      this.files.remove(partial);
      this.files.makeDirectory(partial, { mode: 0o755, uid: 0, gid: 0, mtime: 0 });
      for (const dir of opaque) {
        const inMask = dir ? `${partial}/${dir}` : partial;
        this.files.makeDirectory(inMask);
        for (const lower of below) {
          for (const name of this.files.list(dir ? `${LAYERS}/${hexOf(lower)}/${dir}` : `${LAYERS}/${hexOf(lower)}`)) {
            this.files.whiteout(`${inMask}/${name}`);
          }
        }
      }
      await this.files.rename(partial, path);
    }
    return GuestFiles.guestPath(path);
  }
}

export function hexOf(diffId: string): string {
  const match = /^sha256:([0-9a-f]{64})$/.exec(diffId);
  if (!match) throw new DrydockError("InvalidParameter", `invalid diff ID: ${JSON.stringify(diffId)}`);
  return match[1]!;
}
