/** public/images/manifest.json: every committed guest image file and where it came from. */
export interface ImageManifest {
  files: Record<GuestFile, ImageFileEntry>;
  /** Programs the guest installs from the engine on first use (guest/build-tools.sh), by name. */
  tools?: Record<string, ToolEntry>;
}

export interface ToolEntry {
  /** The archive, under public/images: a gzipped tar unpacked over the guest's /. */
  file: string;
  sha256: string;
  size: number;
  /**
   * The tar inside: static hosts that label `.gz` files gzip-encoded (vite preview, some Apache
   * set-ups) have the browser unpack it in transit, and what arrives is this.
   */
  unpacked: { sha256: string; size: number };
  /** Every Debian package with a file in it. */
  packages: { package: string; version: string; licence: string; source: string }[];
}

export type GuestFile = "bzImage" | "initramfs.cpio.lz4" | "bios.bin";
export const GUEST_FILES: readonly GuestFile[] = ["bzImage", "initramfs.cpio.lz4", "bios.bin"];

export interface ImageFileEntry {
  sha256: string;
  size: number;
  /** The Debian binary package the file was built from, and its version. */
  package: string;
  version: string;
  licence: string;
  /** How to get the source: the Debian source package of that name and version. */
  source: string;
  /** What else is inside, when the file is not just the package (our own guest files). */
  includes?: string;
}

/**
 * public/images/snapshot.json, written beside the derived snapshot (never committed): the
 * snapshot is only valid for the exact inputs it was saved from.
 */
export interface SnapshotInfo {
  file: string;
  sha256: string;
  size: number;
  /** Hash of the boot inputs (image hashes, v86 version, memory, cmdline) at save time. */
  inputs: string;
  v86: string;
  memoryBytes: number;
  /** The console's last line when the state was saved (the prompt), redrawn after a restore. */
  screen: string;
}
