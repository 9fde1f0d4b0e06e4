import { DrydockError } from "../../shared/errors";
import { gunzipped, once } from "../layer/gunzip";
import { readTar, type TarEntry } from "../layer/tar-reader";
import { cleanPath } from "./context";

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
const MAX_SYMLINKS = 40;

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
          nodes.delete(gone);
          removeUnder(nodes, gone);
          continue;
        }
        if (entry.type !== "directory") removeUnder(nodes, path);
        nodes.set(path, { path, type: entry.type, mode: entry.mode, uid: entry.uid, gid: entry.gid, mtime: entry.mtime, linkname: entry.linkname, size, layer: digest });
      }
    }
    return new ImageFs(nodes, (node) => this.body(node));
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

  private async body(node: FsNode): Promise<Uint8Array> {
    const entry = await this.find(node.layer, node.path);
    if (entry?.type !== "hardlink") return entry?.body ?? EMPTY;
    // A hard link's body is its target's, earlier in the same layer.
    return (await this.find(node.layer, cleanPath(entry.linkname) ?? ""))?.body ?? EMPTY;
  }

  private async find(digest: string, path: string): Promise<TarEntry | undefined> {
    const entries = await this.entries(digest, (p) => p === path);
    return entries.find((e) => cleanPath(e.entry.name) === path)?.entry;
  }
}

export class ImageFs {
  constructor(
    private readonly nodes: Map<string, FsNode>,
    private readonly readBody: (node: FsNode) => Promise<Uint8Array>,
  ) {}

  /** The node at a path, a symbolic link at its end not followed. */
  get(path: string): FsNode | undefined {
    const clean = cleanPath(path);
    if (clean === undefined) return undefined;
    if (clean === "") return { path: "", type: "directory", mode: 0o755, uid: 0, gid: 0, mtime: 0, linkname: "", size: 0, layer: "" };
    return this.nodes.get(clean);
  }

  /** The node a path names, symbolic links followed on the way and at the end (inside the image). */
  resolve(path: string, followLast = true): FsNode | undefined {
    let parts = (cleanPath(path) ?? "").split("/").filter(Boolean);
    let done: string[] = [];
    let hops = 0;
    while (parts.length > 0) {
      const next = [...done, parts[0]!].join("/");
      const node = this.nodes.get(next);
      if (!node) return undefined;
      if (node.type === "symlink" && (parts.length > 1 || followLast)) {
        if (++hops > MAX_SYMLINKS) throw new DrydockError("InvalidParameter", `too many levels of symbolic links: ${path}`);
        const target = node.linkname.startsWith("/") ? node.linkname : [...done, node.linkname].join("/");
        parts = [...(cleanPath(target) ?? "").split("/").filter(Boolean), ...parts.slice(1)];
        done = [];
        continue;
      }
      done.push(parts.shift()!);
    }
    return this.get(done.join("/"));
  }

  /** Everything under a directory (not itself), parents first. */
  under(dir: string): FsNode[] {
    const prefix = dir === "" ? "" : `${dir}/`;
    return [...this.nodes.values()].filter((node) => node.path.startsWith(prefix) && node.path !== dir).sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  read(node: FsNode): Promise<Uint8Array> {
    return this.readBody(node);
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
