import { V86, type V86Options } from "v86";
import type { AgentPort, BootMedia, Emulator, EmulatorFiles, NodeAttributes, NodeKind, TreeNode } from "./emulator";
import type { SliceScheduler } from "./slice-scheduler";
import { driveLoop, type V86Loop } from "./v86-loop";

const S_IFMT = 0xf000;
const S_IFDIR = 0x4000;
const S_IFREG = 0x8000;
const S_IFLNK = 0xa000;
const S_IFCHR = 0x2000;
const S_IFIFO = 0x1000;

/** An inode of v86's 9p file system (lib/filesystem.js): the fields we read and set. */
interface Inode {
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  ctime: number;
  atime: number;
  size: number;
  major: number;
  minor: number;
  nlinks: number;
  symlink: string;
}

/** v86's 9p file system object: undocumented, but the only way to set owners, modes and links. */
interface Fs9p {
  inodes: Inode[];
  Search(parentId: number, name: string): number;
  CreateDirectory(name: string, parentId: number): number;
  CreateFile(name: string, parentId: number): number;
  CreateSymlink(name: string, parentId: number, target: string): number;
  CreateNode(name: string, parentId: number, major: number, minor: number): number;
  Link(parentId: number, targetId: number, name: string): number;
  Unlink(parentId: number, name: string): number;
  Rename(oldDir: number, oldName: string, newDir: number, newName: string): Promise<number>;
  RecursiveDelete(path: string): void;
  GetChildren(id: number): string[];
  IsDirectory(id: number): boolean;
  set_data(id: number, data: Uint8Array): Promise<void>;
  Read(id: number, offset: number, count: number): Promise<Uint8Array | null>;
}

/** The virtio-console device's receive queues (v86 src/virtio.js). */
interface VirtioConsoleDevice {
  virtio: { queues: { has_request(): boolean }[] };
}

/** The agent's port: 1. Its receive queue is 2 * port + 2 (queues 0-3 are port 0 and control). */
const AGENT_PORT = 1;
/** Linux posts one page per receive buffer on a console port. */
const GUEST_BUFFER_BYTES = 4096;

export interface V86EmulatorOptions {
  /** Runs v86's slices in place of its own yield (which in a browser goes through a second worker). */
  scheduler?: SliceScheduler;
}

export function createV86Emulator(media: BootMedia, { scheduler }: V86EmulatorOptions = {}): Emulator {
  const options: V86Options = {
    wasm_fn: async (imports) => (await WebAssembly.instantiate(media.wasm, imports)).exports,
    memory_size: media.memoryBytes,
    vga_memory_size: 2 * 1024 * 1024,
    filesystem: {},
    uart1: true,
    // v86 accepts `true` (a device with no adapter: we read the port ourselves); its types do not.
    virtio_console: true as unknown as V86Options["virtio_console"],
    autostart: true,
    disable_keyboard: true,
    disable_mouse: true,
    disable_speaker: true,
  };
  if (media.state) options.initial_state = { buffer: media.state };
  else if (media.cold) {
    options.bios = { buffer: media.cold.bios };
    options.bzimage = { buffer: media.cold.kernel };
    options.initrd = { buffer: media.cold.initrd };
    options.cmdline = media.cold.cmdline;
  }
  const v86 = new V86(options);
  const started = new Promise<void>((resolve) => v86.add_listener("emulator-started", () => resolve()));
  const internals = v86 as unknown as {
    fs9p: Fs9p;
    bus: { send(event: string, data: Uint8Array): void };
    v86: V86Loop & { cpu: { devices: { virtio_console: VirtioConsoleDevice } } };
  };
  let busyMs = 0;
  // The loop exists from "emulator-ready" on (v86 makes it once its wasm is instantiated), before it first runs.
  v86.add_listener("emulator-ready", () => driveLoop(internals.v86, (ms) => (busyMs += ms), scheduler));

  const agentPort: AgentPort = {
    onData(listener) {
      // v86's event table types port 0 only; ports 1-3 carry the same payload.
      const event = `virtio-console${AGENT_PORT}-output-bytes` as "virtio-console0-output-bytes";
      v86.add_listener(event, listener);
      return { dispose: () => v86.remove_listener(event, listener) };
    },
    capacity: () =>
      internals.v86.cpu.devices.virtio_console.virtio.queues[2 * AGENT_PORT + 2]?.has_request() ? GUEST_BUFFER_BYTES : 0,
    send: (bytes) => internals.bus.send(`virtio-console${AGENT_PORT}-input-bytes`, bytes),
  };

  return {
    onSerialByte(port, listener) {
      const event = port === 0 ? "serial0-output-byte" : "serial1-output-byte";
      v86.add_listener(event, listener);
      return { dispose: () => v86.remove_listener(event, listener) };
    },
    onceStarted: () => started,
    sendSerial: (port, bytes) => v86.serial_send_bytes(port, bytes),
    files: v86Files(v86, () => internals.fs9p),
    agentPort,
    run: () => v86.run(),
    stop: () => v86.stop(),
    isRunning: () => v86.is_running(),
    busyMs: () => busyMs,
    saveState: () => v86.save_state(),
    destroy: () => {
      scheduler?.dispose();
      return v86.destroy();
    },
  };
}

function v86Files(v86: V86, fs: () => Fs9p): EmulatorFiles {
  const parts = (path: string) => path.split("/").filter(Boolean);
  /** The inode id of a directory, made (mkdir -p) when `create`; -1 when absent. */
  const walk = (names: string[], create: boolean): number => {
    let id = 0;
    for (const name of names) {
      let next = fs().Search(id, name);
      if (next === -1) {
        if (!create) return -1;
        next = fs().CreateDirectory(name, id);
      }
      id = next;
    }
    return id;
  };
  /** The parent directory's id (made if missing) and the last name; an existing entry is replaced. */
  const place = (path: string): [number, string] => {
    const names = parts(path);
    const name = names.pop();
    if (name === undefined) throw new Error(`not a file path: ${path}`);
    const parent = walk(names, true);
    const existing = fs().Search(parent, name);
    if (existing !== -1) remove(parent, name);
    return [parent, name];
  };
  const remove = (parent: number, name: string): boolean => {
    const id = fs().Search(parent, name);
    if (id === -1) return false;
    if (fs().IsDirectory(id)) for (const child of fs().GetChildren(id)) remove(id, child);
    return fs().Unlink(parent, name) === 0;
  };
  const setAttributes = (id: number, type: number, attributes: NodeAttributes | undefined) => {
    const inode = fs().inodes[id]!;
    if (attributes) {
      inode.mode = type | (attributes.mode & 0o7777);
      inode.uid = attributes.uid;
      inode.gid = attributes.gid;
      inode.mtime = inode.ctime = inode.atime = attributes.mtime;
    } else {
      inode.mode = type | (inode.mode & 0o7777);
    }
  };
  const lookup = (path: string): number => {
    const names = parts(path);
    const name = names.pop();
    if (name === undefined) return 0;
    const parent = walk(names, false);
    return parent === -1 ? -1 : fs().Search(parent, name);
  };

  const kindOf = (inode: Inode): NodeKind => {
    switch (inode.mode & S_IFMT) {
      case S_IFDIR:
        return "directory";
      case S_IFREG:
        return "file";
      case S_IFLNK:
        return "symlink";
      case S_IFCHR:
        return inode.major === 0 && inode.minor === 0 ? "whiteout" : "other";
      default:
        return "other";
    }
  };

  const files: EmulatorFiles = {
    read: (path) => v86.read_file(path),
    async write(path, data, attributes) {
      const [parent, name] = place(path);
      const id = fs().CreateFile(name, parent);
      await fs().set_data(id, data);
      fs().inodes[id]!.size = data.length;
      setAttributes(id, S_IFREG, attributes ?? { mode: 0o644, uid: 0, gid: 0, mtime: Math.round(Date.now() / 1000) });
    },
    makeDirectory(path, attributes) {
      const id = walk(parts(path), true);
      if (attributes) setAttributes(id, S_IFDIR, attributes);
    },
    symlink(path, target, attributes) {
      const [parent, name] = place(path);
      setAttributes(fs().CreateSymlink(name, parent, target), S_IFLNK, { ...attributes, mode: 0o777 });
    },
    hardlink(path, existing) {
      const target = lookup(existing);
      if (target === -1 || (fs().inodes[target]!.mode & S_IFMT) !== S_IFREG) return false;
      const [parent, name] = place(path);
      return fs().Link(parent, target, name) === 0;
    },
    whiteout(path) {
      const [parent, name] = place(path);
      setAttributes(fs().CreateNode(name, parent, 0, 0), S_IFCHR, { mode: 0, uid: 0, gid: 0, mtime: 0 });
    },
    fifo(path, attributes) {
      const [parent, name] = place(path);
      setAttributes(fs().CreateNode(name, parent, 0, 0), S_IFIFO, attributes);
    },
    remove(path) {
      const names = parts(path);
      const name = names.pop();
      const parent = walk(names, false);
      return name !== undefined && parent !== -1 && remove(parent, name);
    },
    async rename(from, to) {
      const src = parts(from);
      const srcName = src.pop()!;
      const srcDir = walk(src, false);
      const [dstDir, dstName] = place(to);
      const rc = srcDir === -1 ? -2 : await fs().Rename(srcDir, srcName, dstDir, dstName);
      if (rc !== 0) throw new Error(`rename ${from} to ${to} failed (${rc})`);
    },
    kind(path) {
      const id = lookup(path);
      return id === -1 ? undefined : kindOf(fs().inodes[id]!);
    },
    list(path) {
      const id = lookup(path);
      return id !== -1 && fs().IsDirectory(id) ? fs().GetChildren(id) : [];
    },
    async exportTree(root) {
      const nodes: TreeNode[] = [];
      const linked = new Map<number, string>();
      const visit = async (path: string, id: number) => {
        const inode = fs().inodes[id]!;
        const node: TreeNode = {
          path,
          kind: kindOf(inode),
          attributes: { mode: inode.mode & 0o7777, uid: inode.uid, gid: inode.gid, mtime: inode.mtime },
        };
        if (node.kind === "file" && inode.nlinks > 1 && linked.has(id)) node.linkOf = linked.get(id)!;
        else if (node.kind === "file") {
          linked.set(id, path);
          node.data = (await fs().Read(id, 0, inode.size)) ?? new Uint8Array(0);
        }
        if (node.kind === "symlink") node.target = inode.symlink;
        if ((inode.mode & S_IFMT) === S_IFIFO) node.kind = "other";
        nodes.push(node);
        if (node.kind === "directory") for (const name of fs().GetChildren(id)) await visit(`${path}/${name}`, fs().Search(id, name));
      };
      const id = lookup(root);
      if (id !== -1) await visit(parts(root).join("/"), id);
      return nodes;
    },
    async importTree(nodes) {
      for (const node of nodes) {
        if (node.linkOf !== undefined) files.hardlink(node.path, node.linkOf);
        else if (node.kind === "directory") files.makeDirectory(node.path, node.attributes);
        else if (node.kind === "file") await files.write(node.path, node.data ?? new Uint8Array(0), node.attributes);
        else if (node.kind === "symlink") files.symlink(node.path, node.target ?? "", node.attributes);
        else if (node.kind === "whiteout") files.whiteout(node.path);
        else files.fifo(node.path, node.attributes);
      }
    },
  };
  return files;
}
