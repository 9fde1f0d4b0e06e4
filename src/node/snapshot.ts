import { compress, init } from "@bokuweb/zstd-wasm";
import { createHash } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ImageManifest, SnapshotInfo } from "../shared/images";
import { MANIFEST, MEMORY_BYTES, SNAPSHOT_INFO } from "../engine/machine/boot-config";
import { snapshotInputs } from "../engine/machine/snapshot-inputs";
import { IMAGES_DIR, V86_VERSION } from "./paths";
import { startMachine } from "./start-machine";

const SNAPSHOT_FILE = "snapshot.bin.zst";

export interface SnapshotResult {
  saved: boolean;
  info: SnapshotInfo;
  bootMs?: number;
}

/**
 * Cold-boots the guest and saves its state (zstd) as public/images/snapshot.bin.zst, unless the
 * one there was saved from the same inputs. Written to a temporary name, then renamed, so an
 * interrupted save never leaves a snapshot that looks valid.
 */
export async function ensureSnapshot(options: { force?: boolean; imagesDir?: string } = {}): Promise<SnapshotResult> {
  const dir = options.imagesDir ?? IMAGES_DIR;
  const manifest = JSON.parse(await readFile(join(dir, MANIFEST), "utf8")) as ImageManifest;
  const inputs = await snapshotInputs(manifest, V86_VERSION);
  if (!options.force) {
    const current = await readCurrent(dir);
    if (current?.inputs === inputs) return { saved: false, info: current };
  }

  const started = performance.now();
  const machine = await startMachine({ coldBoot: true, idle: false, imagesDir: dir, onNotice: () => {} });
  const bootMs = performance.now() - started;
  try {
    const raw = new Uint8Array(await machine.saveState());
    await init();
    const packed = compress(raw, 19);
    const info: SnapshotInfo = {
      file: SNAPSHOT_FILE,
      sha256: createHash("sha256").update(packed).digest("hex"),
      size: packed.length,
      inputs,
      v86: V86_VERSION,
      memoryBytes: MEMORY_BYTES,
      screen: machine.screen,
    };
    await writeAtomically(join(dir, SNAPSHOT_FILE), packed);
    await writeAtomically(join(dir, SNAPSHOT_INFO), JSON.stringify(info, null, 2) + "\n");
    return { saved: true, info, bootMs };
  } finally {
    await machine.stop();
  }
}

async function readCurrent(dir: string): Promise<SnapshotInfo | undefined> {
  try {
    const info = JSON.parse(await readFile(join(dir, SNAPSHOT_INFO), "utf8")) as SnapshotInfo;
    const bytes = await readFile(join(dir, info.file));
    return createHash("sha256").update(bytes).digest("hex") === info.sha256 ? info : undefined;
  } catch {
    return undefined;
  }
}

async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}
