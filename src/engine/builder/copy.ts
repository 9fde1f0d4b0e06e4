import { DrydockError } from "../../shared/errors";
import { sha256Hex } from "../../shared/sha256";
import type { TarWriteEntry } from "../layer/tar-writer";
import { cleanPath, type BuildContext } from "./context";
import { globRegExp, hasGlob } from "./glob";
import type { FsNode, ImageFs } from "./image-fs";
import { resolveInScope } from "./scoped-path";
import type { TarEntry } from "../layer/tar-reader";

/** A file, directory or link COPY can take, from the build context or from an image. */
export interface SourceNode {
  path: string;
  type: FsNode["type"];
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  linkname: string;
}

/** Where COPY takes its sources: the context, or a stage's or image's file system (--from). */
export interface CopySource {
  get(path: string): SourceNode | undefined;
  /** What a path names with symbolic links followed (an image's /usr/bin/python → python3). */
  resolve(path: string): SourceNode | undefined;
  under(dir: string): SourceNode[];
  paths(): string[];
  read(node: SourceNode): Promise<Uint8Array>;
  /** How the client names a source that is not there (Docker's words differ for the context). */
  missing(path: string): DrydockError;
}

export interface CopyRequest {
  /** COPY or ADD, for Docker's words. */
  kind: "COPY" | "ADD";
  /** Expanded source words, relative to the source's root. */
  sources: readonly string[];
  /** Expanded destination; relative to `workdir`. */
  dest: string;
  workdir: string;
  chown?: { uid: number; gid: number };
  /** Keep the sources' owners when no --chown says otherwise (COPY --from, as Docker does). */
  preserveOwners?: boolean;
  chmod?: number;
  /** Files written straight into the layer under `dest`, by name (COPY's heredocs). */
  inline?: readonly { name: string; content: Uint8Array }[];
  /** Sources handled elsewhere (ADD's archives), counted for the several-sources rule. */
  others?: number;
}

export interface CopyResult {
  entries: TarWriteEntry[];
  /** What the sources came to once globs were matched: one file, one directory, or several. */
  shape: "file" | "dir" | "multi";
  /** What the copied content is (paths, kinds, modes, bodies): the cache compares it. */
  checksum: string;
}

/**
 * COPY's layer as Docker makes it: a directory's contents go into the destination, a file goes
 * into it when it ends in "/" (or is a directory already, or there are several sources), or
 * becomes it. The destination is followed through the image's symbolic links (a `/bin` that
 * links to `usr/bin` stays a link); parents that are missing are made (0755, root's), those the
 * image has are kept as they are. Files keep their modes; owners are root unless --chown.
 */
export async function copyLayer(request: CopyRequest, source: CopySource, parent: ImageFs): Promise<CopyResult> {
  const destAbsolute = request.dest.startsWith("/") ? request.dest : `${request.workdir.replace(/\/?$/, "/")}${request.dest}`;
  const destPath = parent.resolvePath(destAbsolute);
  checkParents(parent, destPath);
  const trailingSlash = /\/\.?$/.test(request.dest);
  const existing = parent.get(destPath);
  const destIsDir = trailingSlash || existing?.type === "directory";
  const matched = request.sources.flatMap((word) => sourcesFor(word, source));
  const count = matched.length + (request.inline?.length ?? 0) + (request.others ?? 0);
  if (count > 1 && !trailingSlash) throw new DrydockError("InvalidParameter", `When using ${request.kind} with more than one source file, the destination must be a directory and end with a /`);
  const ownerOf = (node: { uid: number; gid: number }) => request.chown ?? (request.preserveOwners ? { uid: node.uid, gid: node.gid } : { uid: 0, gid: 0 });
  const owner = ownerOf({ uid: 0, gid: 0 });
  const layer = new LayerEntries(parent);
  const sums: string[] = [];
  for (const { node, name } of matched) {
    if (node.type === "directory") {
      // A destination the image has keeps its own attributes (/tmp keeps 1777), as Docker leaves it.
      if (existing?.type === "directory") layer.directory(destPath, { mode: existing.mode, uid: existing.uid, gid: existing.gid, mtime: existing.mtime });
      else layer.directory(destPath, { mode: 0o755, ...ownerOf(node), mtime: node.mtime });
      for (const child of source.under(node.path)) {
        const relative = node.path === "" ? child.path : child.path.slice(node.path.length + 1);
        sums.push(await addNode(layer, source, child, joinPath(destPath, relative), ownerOf(child), request.chmod));
      }
    } else {
      const target = destIsDir || count > 1 ? joinPath(destPath, baseName(name)) : destPath;
      sums.push(await addNode(layer, source, node, target, ownerOf(node), request.chmod));
    }
  }
  for (const file of request.inline ?? []) {
    const target = destIsDir ? joinPath(destPath, file.name) : destPath;
    layer.file(target, file.content, { mode: request.chmod ?? 0o644, ...owner, mtime: 0 });
    sums.push(`${target} inline ${await sha256Hex(file.content)}`);
  }
  const owners = request.chown ? `${owner.uid}:${owner.gid}` : request.preserveOwners ? "preserved" : "root";
  const shape = count > 1 ? "multi" : matched[0]?.node.type === "directory" ? "dir" : "file";
  return { entries: layer.entries, shape, checksum: await sha256Hex([destPath, String(request.chmod ?? ""), owners, ...sums].join("\n")) };
}

/** Every directory on the way to the destination that the image has must be one. */
function checkParents(parent: ImageFs, destPath: string): void {
  const parts = destPath.split("/");
  for (let i = 1; i < parts.length; i++) {
    const node = parent.get(parts.slice(0, i).join("/"));
    if (node && node.type !== "directory") throw new DrydockError("InvalidParameter", `failed to copy files: mkdir /${parts.slice(0, i).join("/")}: not a directory`);
  }
}

/** The nodes one source word stands for (a glob may stand for several, or none), each with the path it was named by. */
function sourcesFor(word: string, source: CopySource): { node: SourceNode; name: string }[] {
  const path = cleanPath(word);
  if (path === undefined) throw new DrydockError("InvalidParameter", `Forbidden path outside the build context: ${word} ()`);
  if (hasGlob(path)) {
    let pattern: RegExp;
    try {
      pattern = globRegExp(path);
    } catch {
      throw new DrydockError("InvalidParameter", `syntax error in pattern: ${word}`);
    }
    const nodes = source.paths().filter((p) => pattern.test(p)).map((p) => ({ node: source.get(p)!, name: p }));
    if (nodes.length === 0) throw new DrydockError("InvalidParameter", "COPY failed: no source files were specified");
    return nodes;
  }
  const node = source.resolve(path);
  if (!node) throw source.missing(word);
  // A link's content is copied under the link's own name, as Docker does.
  return [{ node, name: path }];
}

async function addNode(layer: LayerEntries, source: CopySource, node: SourceNode, target: string, owner: { uid: number; gid: number }, chmod: number | undefined): Promise<string> {
  const attributes = { mode: chmod ?? node.mode, ...owner, mtime: node.mtime };
  const owned = `${owner.uid}:${owner.gid}`;
  switch (node.type) {
    case "directory":
      layer.directory(target, attributes);
      return `${target} dir ${attributes.mode} ${owned}`;
    case "symlink":
      layer.symlink(target, node.linkname, { ...attributes, mode: 0o777 });
      return `${target} link ${node.linkname} ${owned}`;
    case "file":
    case "hardlink": {
      const body = await source.read(node);
      layer.file(target, body, attributes);
      return `${target} file ${attributes.mode} ${owned} ${await sha256Hex(body)}`;
    }
    default:
      // Devices and FIFOs are no build context's business (Docker's context tar drops them too).
      return `${target} skipped`;
  }
}

/** A layer's entries, parents before children, each path once. */
export class LayerEntries {
  readonly entries: TarWriteEntry[] = [];
  private readonly written = new Map<string, TarWriteEntry>();

  constructor(private readonly parent: ImageFs) {}

  directory(path: string, attributes: Attributes): void {
    if (path === "") return;
    this.parents(path);
    const existing = this.written.get(path);
    if (existing?.type === "directory") return;
    this.put({ name: `${path}/`, type: "directory", ...attributes });
  }

  file(path: string, body: Uint8Array, attributes: Attributes): void {
    this.parents(path);
    this.put({ name: path, type: "file", body, ...attributes });
  }

  symlink(path: string, target: string, attributes: Attributes): void {
    this.parents(path);
    this.put({ name: path, type: "symlink", linkname: target, ...attributes });
  }

  /** A parent the image has goes in as the image has it (overlayfs takes a directory's attributes from the top layer). */
  private parents(path: string): void {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join("/");
      if (this.written.has(dir)) continue;
      const existing = this.parent.get(dir);
      const attributes = existing?.type === "directory" ? { mode: existing.mode, uid: existing.uid, gid: existing.gid, mtime: existing.mtime } : { mode: 0o755, uid: 0, gid: 0, mtime: 0 };
      this.put({ name: `${dir}/`, type: "directory", ...attributes });
    }
  }

  private put(entry: TarWriteEntry): void {
    const path = entry.name.replace(/\/$/, "");
    const before = this.written.get(path);
    if (before) this.entries.splice(this.entries.indexOf(before), 1);
    this.written.set(path, entry);
    this.entries.push(entry);
  }
}

interface Attributes {
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
}

/** The build context as COPY's source: owners are the CLI's (root's in the layer), links followed inside it. */
export function contextSource(context: BuildContext): CopySource {
  const node = (entry: TarEntry | undefined, path: string): SourceNode | undefined =>
    entry && { path, type: entry.type, mode: entry.mode, uid: entry.uid, gid: entry.gid, mtime: entry.mtime, linkname: entry.linkname };
  return {
    get: (path) => node(context.get(path), cleanPath(path) ?? ""),
    resolve: (path) => {
      const resolved = resolveInScope(path, (p) => context.get(p));
      return node(context.get(resolved), resolved);
    },
    under: (dir) => context.under(dir).map(({ path, entry }) => node(entry, path)!),
    paths: () => context.paths(),
    read: async (n) => context.get(n.path)?.body ?? new Uint8Array(0),
    missing: (path) => new DrydockError("InvalidParameter", `COPY failed: file not found in build context or excluded by .dockerignore: stat ${path}: file does not exist`),
  };
}

/** A stage's or an image's file system as COPY --from's source. */
export function imageSource(fs: ImageFs, name: string): CopySource {
  return {
    get: (path) => fs.get(path),
    resolve: (path) => fs.resolve(path),
    under: (dir) => fs.under(dir),
    paths: () => fs.under("").map((n) => n.path),
    read: (n) => fs.read(n as FsNode),
    missing: (path) => new DrydockError("InvalidParameter", `COPY failed: stat ${path.startsWith("/") ? path : `/${path}`}: file does not exist (in ${name})`),
  };
}

function joinPath(dir: string, name: string): string {
  return dir === "" ? name : `${dir}/${name}`;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
