import type { EmulatorFiles, NodeAttributes, NodeKind } from "../../src/engine/machine/emulator";

/** A node of the in-memory tree; hard links share one object. */
export interface MemoryNode {
  kind: NodeKind;
  data?: Uint8Array;
  target?: string;
  attributes?: NodeAttributes;
}

/**
 * EmulatorFiles over a Map, for unit tests of code that writes the 9p tree (the real tree is
 * v86's, exercised by the VM tests). Paths are stored without a leading slash.
 */
export function memoryFiles(): EmulatorFiles & { nodes: Map<string, MemoryNode> } {
  const nodes = new Map<string, MemoryNode>();
  const key = (path: string) => path.split("/").filter(Boolean).join("/");
  const parents = (path: string) => {
    const parts = key(path).split("/");
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join("/");
      if (!nodes.has(dir)) nodes.set(dir, { kind: "directory" });
    }
  };
  const remove = (path: string) => {
    const k = key(path);
    const had = nodes.delete(k);
    for (const other of [...nodes.keys()]) if (other.startsWith(k + "/")) nodes.delete(other);
    return had;
  };
  const put = (path: string, node: MemoryNode) => {
    remove(path);
    parents(path);
    nodes.set(key(path), node);
  };
  return {
    nodes,
    read: async (path) => nodes.get(key(path))!.data!,
    write: async (path, data, attributes) => put(path, { kind: "file", data, attributes }),
    makeDirectory: (path, attributes) => {
      parents(path + "/x");
      if (attributes) nodes.get(key(path))!.attributes = attributes;
    },
    symlink: (path, target, attributes) => put(path, { kind: "symlink", target, attributes }),
    hardlink: (path, existing) => {
      const node = nodes.get(key(existing));
      if (node?.kind !== "file") return false;
      put(path, node);
      return true;
    },
    whiteout: (path) => put(path, { kind: "whiteout" }),
    fifo: (path, attributes) => put(path, { kind: "other", attributes }),
    remove,
    rename: async (from, to) => {
      const f = key(from);
      for (const [k, node] of [...nodes]) {
        if (k !== f && !k.startsWith(f + "/")) continue;
        nodes.delete(k);
        parents(key(to) + k.slice(f.length));
        nodes.set(key(to) + k.slice(f.length), node);
      }
    },
    exportTree: async () => {
      throw new Error("memoryFiles: exportTree is not needed by unit tests");
    },
    importTree: async () => {
      throw new Error("memoryFiles: importTree is not needed by unit tests");
    },
    kind: (path) => (key(path) === "" ? "directory" : nodes.get(key(path))?.kind),
    list: (path) => {
      const k = key(path);
      const prefix = k ? k + "/" : "";
      return [...nodes.keys()].filter((n) => n.startsWith(prefix) && !n.slice(prefix.length).includes("/") && n !== k).map((n) => n.slice(prefix.length));
    },
  };
}
