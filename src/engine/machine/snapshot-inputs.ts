import type { ImageManifest } from "../../shared/images";
import { DEVICES, KERNEL_CMDLINE, MEMORY_BYTES } from "./boot-config";
import { sha256Hex } from "../../shared/sha256";

/**
 * The hash a snapshot is keyed by: a state saved from other images, another v86 build, memory
 * size, command line or emulated devices would restore into a machine that does not match it.
 */
export function snapshotInputs(manifest: ImageManifest, v86Version: string): Promise<string> {
  const images = Object.fromEntries(Object.entries(manifest.files).map(([name, entry]) => [name, entry.sha256]));
  return sha256Hex(JSON.stringify({ images, v86: v86Version, memory: MEMORY_BYTES, cmdline: KERNEL_CMDLINE, devices: DEVICES }));
}
