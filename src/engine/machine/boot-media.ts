import type { BootProgress } from "../../shared/boot";
import { DrydockError, errorKind, errorMessage } from "../../shared/errors";
import type { GuestFile, ImageManifest, SnapshotInfo } from "../../shared/images";
import { KERNEL_CMDLINE, MANIFEST, MEMORY_BYTES, REBUILD_IMAGES_HINT, SNAPSHOT_INFO } from "./boot-config";
import type { BootMedia } from "./emulator";
import { readJson, verifyImage, type ImageSource } from "./image-source";
import { snapshotInputs } from "./snapshot-inputs";

export interface BootMediaOptions {
  images: ImageSource;
  compileWasm: () => Promise<WebAssembly.Module>;
  v86Version: string;
  coldBoot?: boolean;
  onProgress?: (progress: BootProgress) => void;
  onNotice?: (message: string) => void;
}

/** What to boot, fetched and verified: the snapshot when one matches, else kernel and initrd. */
export interface FetchedMedia {
  media: BootMedia;
  /** The snapshot's console line (its prompt), when booting from it. */
  snapshotScreen?: string;
}

/**
 * Fetches the boot media with progress, refusing any file whose sha256 or size differs from the
 * manifest. A missing, stale or damaged snapshot is not an error: it is a notice and a cold boot.
 */
export async function fetchBootMedia(options: BootMediaOptions): Promise<FetchedMedia> {
  const { images } = options;
  const notice = options.onNotice ?? (() => {});
  const wasm = options.compileWasm();
  wasm.catch(() => {}); // awaited below; this keeps an earlier image error from leaving it unhandled
  const manifest = await readJson<ImageManifest>(images, MANIFEST).catch((error: unknown) => {
    throw errorKind(error) === "NotFound" ? missing(images, MANIFEST) : error;
  });
  if (typeof manifest?.files !== "object" || manifest.files === null) {
    throw new DrydockError("Internal", `${images.describe(MANIFEST)} is not an image manifest. ${REBUILD_IMAGES_HINT}`);
  }
  const snapshot = options.coldBoot ? undefined : await findSnapshot(options, manifest, notice);

  const loaded = new Map<string, number>();
  let totalBytes = 0;
  const report = () =>
    options.onProgress?.({ phase: "fetching", loadedBytes: [...loaded.values()].reduce((a, b) => a + b, 0), totalBytes });
  const fetchFile = async (name: string, expected: { sha256: string; size: number }, hint: string, record?: string) => {
    totalBytes += expected.size;
    report();
    const bytes = await images.read(name, (n) => {
      loaded.set(name, n);
      report();
    });
    await verifyImage(images, name, bytes, expected, hint, record);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  };
  const fetchImage = async (name: GuestFile) => {
    const entry = manifest.files[name];
    if (!entry) throw new DrydockError("Internal", `${images.describe(MANIFEST)} does not list ${name}. ${REBUILD_IMAGES_HINT}`);
    return fetchFile(name, entry, REBUILD_IMAGES_HINT).catch((error: unknown) => {
      throw errorKind(error) === "NotFound" ? missing(images, name) : error;
    });
  };

  const state =
    snapshot &&
    (await fetchFile(snapshot.file, snapshot, "", SNAPSHOT_INFO).catch((error: unknown) => {
      notice(`The VM snapshot could not be used (${errorMessage(error).trim()}); cold booting instead.`);
      return undefined;
    }));
  if (state) return { media: { wasm: await wasm, memoryBytes: MEMORY_BYTES, state }, snapshotScreen: snapshot!.screen };
  const [bios, kernel, initrd] = await Promise.all([fetchImage("bios.bin"), fetchImage("bzImage"), fetchImage("initramfs.cpio.lz4")]);
  return { media: { wasm: await wasm, memoryBytes: MEMORY_BYTES, cold: { bios, kernel, initrd, cmdline: KERNEL_CMDLINE } } };
}

function missing(images: ImageSource, name: string): DrydockError {
  return new DrydockError("NotFound", `${images.describe(name)} is missing. ${REBUILD_IMAGES_HINT}`);
}

async function findSnapshot(
  options: BootMediaOptions,
  manifest: ImageManifest,
  notice: (message: string) => void,
): Promise<SnapshotInfo | undefined> {
  let info: SnapshotInfo;
  // The snapshot is derived, never committed: whatever keeps it from being used (a site built
  // without it, a server answering for it with something else) means a cold boot, not an error.
  try {
    info = await readJson<SnapshotInfo>(options.images, SNAPSHOT_INFO);
    if (typeof info?.file !== "string" || typeof info.sha256 !== "string" || typeof info.size !== "number") {
      throw new DrydockError("Internal", `${options.images.describe(SNAPSHOT_INFO)} is not a snapshot's record`);
    }
  } catch (error) {
    notice(
      errorKind(error) === "NotFound"
        ? "There is no VM snapshot yet, so the guest cold boots (a few seconds). `npm start` saves one."
        : `The VM snapshot could not be used (${errorMessage(error).trim()}); cold booting instead. \`npm start\` saves a new one.`,
    );
    return undefined;
  }
  if (info.inputs === (await snapshotInputs(manifest, options.v86Version))) return info;
  notice(
    info.v86 !== options.v86Version
      ? `The VM snapshot was saved by v86 ${info.v86}, this is v86 ${options.v86Version}: cold booting instead. \`npm start\` saves a new one.`
      : "The VM snapshot was saved from other guest images: cold booting instead. `npm start` saves a new one.",
  );
  return undefined;
}
