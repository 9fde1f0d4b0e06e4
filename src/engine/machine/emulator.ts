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
  /** The agent's channel: virtio-console port 1, /dev/hvc1 in the guest. */
  readonly agentPort: AgentPort;
  run(): Promise<void>;
  stop(): Promise<void>;
  isRunning(): boolean;
  /** Milliseconds spent running guest code so far: a halted CPU, waiting for an interrupt, adds none. */
  busyMs(): number;
  saveState(): Promise<ArrayBuffer>;
  destroy(): Promise<void>;
}

/** Owner, permissions and time of a node in the 9p tree, as the guest will see them. */
export interface NodeAttributes {
  mode: number;
  uid: number;
  gid: number;
  /** Seconds since the epoch. */
  mtime: number;
}

export type NodeKind = "file" | "directory" | "symlink" | "whiteout" | "other";

export interface EmulatorFiles {
  read(path: string): Promise<Uint8Array>;
  write(path: string, data: Uint8Array, attributes?: NodeAttributes): Promise<void>;
  /** mkdir -p; v86's create_file does not make parent directories. */
  makeDirectory(path: string, attributes?: NodeAttributes): void;
  symlink(path: string, target: string, attributes: NodeAttributes): void;
  /** A second name for an existing file; false when `existing` is not a file. */
  hardlink(path: string, existing: string): boolean;
  /** overlayfs's whiteout (a 0/0 character device): "deleted" in the layers below. */
  whiteout(path: string): void;
  /** A FIFO (named pipe). */
  fifo(path: string, attributes: NodeAttributes): void;
  /** Removes a file or a directory with everything in it; false when there was nothing. */
  remove(path: string): boolean;
  rename(from: string, to: string): Promise<void>;
  /** What the path is, without following a symlink at its end; undefined when absent. */
  kind(path: string): NodeKind | undefined;
  /** Names in a directory ([] when it is not one). */
  list(path: string): string[];
  /** Everything under a directory, held in memory: it outlives this emulator (a restart). */
  exportTree(path: string): Promise<TreeNode[]>;
  /** Puts back what `exportTree` took, at the same paths. */
  importTree(nodes: readonly TreeNode[]): Promise<void>;
}

/** One node of an exported tree; a hard link names the path it shares its file with. */
export interface TreeNode {
  path: string;
  kind: NodeKind;
  attributes: NodeAttributes;
  data?: Uint8Array;
  target?: string;
  linkOf?: string;
}

/**
 * The virtio-console port the agent talks on. v86 drops input the guest has no buffer posted
 * for, so the sender asks first.
 */
export interface AgentPort {
  onData(listener: (bytes: Uint8Array) => void): Disposable;
  /** Bytes the guest can take now (one posted receive buffer's worth), 0 when none is posted. */
  capacity(): number;
  send(bytes: Uint8Array): void;
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
