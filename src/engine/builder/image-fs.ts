import { gunzipped, once } from "../layer/gunzip";
import { readTar, type TarEntry } from "../layer/tar-reader";
import { cleanPath } from "./context";
import { resolveInScope } from "./scoped-path";

/** A path of an image's file system as its layers leave it: metadata only, the body read on demand. */
export interface FsNode {
  path: string;
  type: TarEntry["type"];
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  linkname: string;
  size: number;
  /** The layer blob it comes from. */
  layer: string;
}

interface Listed {
  entry: TarEntry;
  size: number;
}

const EMPTY = new Uint8Array(0);
const WHITEOUT = ".wh.";
const OPAQUE = ".wh..wh..opq";

/** Reads a layer blob (gzip or not) by digest. */
export type LayerReader = (digest: string) => Promise<Uint8Array>;

/**
 * Images' file systems seen from the daemon (COPY --from, the directories a COPY goes into, the
 * names --chown gives): each layer's listing is read once and kept, its file bodies read again
 * when asked for. The VM is not needed, so a build can look before it runs anything.
 */
export class ImageFsReader {
  private readonly listings = new Map<string, Promise<Listed[]>>();

  constructor(private readonly read: LayerReader) {}

  async open(layers: readonly string[]): Promise<ImageFs> {
    const nodes = new Map<string, FsNode>();
    for (const digest of layers) {
      for (const { entry, size } of await this.listing(digest)) {
        const path = cleanPath(entry.name);
        if (path === undefined || path === "") continue;
        const slash = path.lastIndexOf("/");
        const dir = slash === -1 ? "" : path.slice(0, slash);
        const base = path.slice(slash + 1);
        if (base === OPAQUE) {
          removeUnder(nodes, dir);
          continue;
        }
        if (base.startsWith(WHITEOUT)) {
          const gone = (dir ? `${dir}/` : "") + base.slice(WHITEOUT.length);
          if (nodes.get(gone)?.type === "directory") removeUnder(nodes, gone);
          nodes.delete(gone);
          continue;
        }
        // Only a directory replaced by something else takes what was under it away (a walk of every path: rare).
        if (entry.type !== "directory" && nodes.get(path)?.type === "directory") removeUnder(nodes, path);
        nodes.set(path, { path, type: entry.type, mode: entry.mode, uid: entry.uid, gid: entry.gid, mtime: entry.mtime, linkname: entry.linkname, size, layer: digest });
      }
    }
    return new ImageFs(nodes, (digest) => this.layerBodies(digest));
  }

  private listing(digest: string): Promise<Listed[]> {
    let listing = this.listings.get(digest);
    if (!listing) {
      listing = this.entries(digest, () => false);
      listing.catch(() => this.listings.delete(digest));
      this.listings.set(digest, listing);
    }
    return listing;
  }

  /** A layer's entries, bodies kept only where `keep` says (the listing keeps none). */
  private async entries(digest: string, keep: (path: string) => boolean): Promise<Listed[]> {
    const out: Listed[] = [];
    for await (const entry of readTar(once(await gunzipped(await this.read(digest))))) {
      const path = cleanPath(entry.name) ?? "";
      out.push({ entry: keep(path) ? entry : { ...entry, body: EMPTY }, size: entry.body.length });
    }
    return out;
  }

  /** A layer's file bodies by path, a hard link's being its target's. */
  private async layerBodies(digest: string): Promise<Map<string, Uint8Array>> {
    const bodies = new Map<string, Uint8Array>();
    for (const { entry } of await this.entries(digest, () => true)) {
      const path = cleanPath(entry.name);
      if (!path) continue;
      if (entry.type === "file") bodies.set(path, entry.body);
      else if (entry.type === "hardlink") bodies.set(path, bodies.get(cleanPath(entry.linkname) ?? "") ?? EMPTY);
    }
    return bodies;
  }
}

export class ImageFs {
  /** Each layer's file bodies, read in one pass the first time one of them is asked for. */
  private readonly bodies = new Map<string, Promise<Map<string, Uint8Array>>>();

  constructor(
    private readonly nodes: Map<string, FsNode>,
    private readonly readLayer: (digest: string) => Promise<Map<string, Uint8Array>>,
  ) {}

  /** The node at a path, a symbolic link at its end not followed. */
  get(path: string): FsNode | undefined {
    const clean = cleanPath(path);
    if (clean === undefined) return undefined;
    if (clean === "") return { path: "", type: "directory", mode: 0o755, uid: 0, gid: 0, mtime: 0, linkname: "", size: 0, layer: "" };
    return this.nodes.get(clean);
  }

  /** The node a path names, symbolic links followed inside the image (at the end too unless told). */
  resolve(path: string, followLast = true): FsNode | undefined {
    return this.get(this.resolvePath(path, followLast));
  }

  /** The path with the image's symbolic links followed inside it; missing parts kept as they are. */
  resolvePath(path: string, followLast = true): string {
    return resolveInScope(path, (p) => this.nodes.get(p), followLast);
  }

  /** Everything under a directory (not itself), parents first. */
  under(dir: string): FsNode[] {
    const prefix = dir === "" ? "" : `${dir}/`;
    return [...this.nodes.values()].filter((node) => node.path.startsWith(prefix) && node.path !== dir).sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  async read(node: FsNode): Promise<Uint8Array> {
    let bodies = this.bodies.get(node.layer);
    if (!bodies) {
      bodies = this.readLayer(node.layer);
      this.bodies.set(node.layer, bodies);
    }
    return (await bodies).get(node.path) ?? EMPTY;
  }

  /** A file's text, or undefined when it is not there (/etc/passwd for --chown names). */
  async text(path: string): Promise<string | undefined> {
    const node = this.resolve(path);
    return node && (node.type === "file" || node.type === "hardlink") ? new TextDecoder().decode(await this.read(node)) : undefined;
  }
}

function removeUnder(nodes: Map<string, FsNode>, dir: string): void {
  const prefix = dir === "" ? "" : `${dir}/`;
  for (const path of [...nodes.keys()]) if (path.startsWith(prefix) && path !== dir) nodes.delete(path);
}
