import { DrydockError } from "../../shared/errors";
import { readTar, type TarEntry } from "../layer/tar-reader";
import { resolveInScope } from "./scoped-path";

/**
 * The build context the client sent (a tar), by clean path ("app/main.py"; "" is the root).
 * Held whole: MAX_BUILD_CONTEXT bounds it before a byte is read.
 */
export class BuildContext {
  private readonly entries = new Map<string, TarEntry>();

  private constructor() {}

  static async read(chunks: AsyncIterable<Uint8Array>): Promise<BuildContext> {
    const context = new BuildContext();
    for await (const entry of readTar(chunks)) {
      const path = cleanPath(entry.name);
      if (path === undefined) throw new DrydockError("InvalidParameter", `the build context has an entry outside of it: ${JSON.stringify(entry.name)}`);
      // The CLI sends a second name of a file as a hard link to the first, earlier in the tar.
      const target = entry.type === "hardlink" ? context.entries.get(cleanPath(entry.linkname) ?? "") : undefined;
      context.add(path, target?.type === "file" ? { ...entry, type: "file", body: target.body } : entry);
    }
    return context;
  }

  /** A context of files (a Dockerfile sent alone, tests). */
  static of(files: Record<string, string | Uint8Array>): BuildContext {
    const context = new BuildContext();
    for (const [name, body] of Object.entries(files)) {
      const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
      context.add(cleanPath(name)!, { name, type: "file", mode: 0o644, uid: 0, gid: 0, mtime: 0, linkname: "", devmajor: 0, devminor: 0, body: bytes });
    }
    return context;
  }

  get(path: string): TarEntry | undefined {
    const clean = cleanPath(path);
    return clean === undefined ? undefined : clean === "" ? ROOT : this.entries.get(clean);
  }

  /** What a path names with the context's symbolic links followed inside it (Docker copies a linked file's content). */
  resolve(path: string): TarEntry | undefined {
    return this.get(resolveInScope(path, (p) => this.entries.get(p)));
  }

  /** Drops an entry (the Dockerfile or .dockerignore that .dockerignore leaves out). */
  remove(path: string): void {
    this.entries.delete(cleanPath(path) ?? "");
  }

  /** Every path in the context, parents before children. */
  paths(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** The entries under a directory (not the directory itself), parents first. */
  under(dir: string): { path: string; entry: TarEntry }[] {
    const prefix = dir === "" ? "" : `${dir}/`;
    return this.paths()
      .filter((path) => path.startsWith(prefix) && path !== dir)
      .map((path) => ({ path, entry: this.entries.get(path)! }));
  }

  /** Bytes of the files in it. */
  size(): number {
    let total = 0;
    for (const entry of this.entries.values()) total += entry.body.length;
    return total;
  }

  private add(path: string, entry: TarEntry): void {
    if (path === "") return;
    // A tar may list a file without its directories: they exist all the same.
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join("/");
      if (!this.entries.has(dir)) this.entries.set(dir, { ...ROOT, name: dir });
    }
    this.entries.set(path, entry);
  }
}

const ROOT: TarEntry = { name: "", type: "directory", mode: 0o755, uid: 0, gid: 0, mtime: 0, linkname: "", devmajor: 0, devminor: 0, body: new Uint8Array(0) };

/** "./a//b/" → "a/b", "/" → ""; undefined for a path that climbs out with "..". */
export function cleanPath(path: string): string | undefined {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}
