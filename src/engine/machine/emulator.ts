import type { Disposable } from "../../shared/disposable";

/**
 * The x86 emulator as the Machine sees it: the slice of v86 we use, behind an interface so the
 * Machine's logic is the same whichever build of v86 (Node, browser worker) sits underneath.
 */
export interface Emulator {
  onSerialByte(port: 0 | 1, listener: (byte: number) => void): Disposable;
  onceStarted(): Promise<void>;
  sendSerial(port: 0 | 1, bytes: Uint8Array): void;
  /** The 9p file system the guest mounts at /mnt/host. */
  readonly files: EmulatorFiles;
  run(): Promise<void>;
  stop(): Promise<void>;
  isRunning(): boolean;
  saveState(): Promise<ArrayBuffer>;
  destroy(): Promise<void>;
}

export interface EmulatorFiles {
  read(path: string): Promise<Uint8Array>;
  write(path: string, data: Uint8Array): Promise<void>;
  /** mkdir -p; v86's create_file does not make parent directories. */
  makeDirectory(path: string): void;
  /** Removes a file or an empty directory; false when there was nothing to remove. */
  remove(path: string): boolean;
  exists(path: string): boolean;
}

/** What a boot needs: either the images for a cold boot, or a saved state to restore. */
export interface BootMedia {
  /** v86's compiled wasm (compiled while the images download). */
  wasm: WebAssembly.Module;
  memoryBytes: number;
  /** A cold boot: the BIOS runs, then loads the kernel and initrd. No VGA BIOS: no screen. */
  cold?: { bios: ArrayBuffer; kernel: ArrayBuffer; initrd: ArrayBuffer; cmdline: string };
  /** A v86 state (the BIOS is in its memory); zstd-compressed states are taken as they are. */
  state?: ArrayBuffer;
}

export type EmulatorFactory = (media: BootMedia) => Emulator;
