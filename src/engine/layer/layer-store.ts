import { DrydockError } from "../../shared/errors";
import { Sha256 } from "../digest/sha256";
import { GuestFiles } from "../machine/guest-files";
import { applyLayer } from "./apply-layer";
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

export type LayerSource = Uint8Array | AsyncIterable<Uint8Array>;

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
  async unpack(diffId: string, source: LayerSource): Promise<void> {
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

  private async write(hex: string, source: LayerSource): Promise<void> {
    const partial = `${LAYERS}/${hex}.partial`;
    this.files.remove(partial);
    const hash = new Sha256();
    const counted = { bytes: 0 };
    const hashed = hashing(await decompressed(source), hash, counted);
    try {
      const applied = await applyLayer(readTar(hashed), this.files, partial);
      for await (const rest of hashed) void rest; // the tar's end blocks and padding count too
      const actual = hash.hex();
      if (actual !== hex) {
        throw new DrydockError("InvalidParameter", `layer content does not match its diff ID: expected sha256:${hex}, got sha256:${actual}`);
      }
      await this.files.writeFile(`${META}/${hex}.json`, JSON.stringify({ ...applied, size: counted.bytes }));
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
    const key = new Sha256().update(new TextEncoder().encode([...below, diffId].join("\n"))).hex();
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

async function* chunksOf(source: LayerSource): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) yield source;
  else yield* source;
}

/** The tar itself: gunzipped when the stream starts with gzip's magic number. */
async function decompressed(source: LayerSource): Promise<AsyncIterable<Uint8Array>> {
  const input = chunksOf(source);
  const first = await input.next();
  if (first.done) return chunksOf(new Uint8Array(0));
  const head = first.value;
  const all = (async function* () {
    yield head;
    yield* input;
  })();
  if (head[0] !== 0x1f || head[1] !== 0x8b) return all;
  const gunzip = new DecompressionStream("gzip");
  const writer = gunzip.writable.getWriter();
  const feeding = (async () => {
    for await (const chunk of all) await writer.write(chunk as Uint8Array<ArrayBuffer>);
    await writer.close();
  })();
  feeding.catch(() => undefined);
  return (async function* () {
    const reader = gunzip.readable.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        yield value;
      }
    } catch (error) {
      throw new DrydockError("InvalidParameter", `invalid layer: the gzip stream is damaged (${String(error)})`);
    }
    await feeding;
  })();
}

async function* hashing(source: AsyncIterable<Uint8Array>, hash: Sha256, counted: { bytes: number }): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    hash.update(chunk);
    counted.bytes += chunk.length;
    yield chunk;
  }
}
