import type { Stats } from "node:fs";
import { lstat, mkdir, readdir, readFile, readlink, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { ClientDirEntry, CliIo } from "../engine/cli/io";
import { DrydockError, type ErrorKind } from "../shared/errors";

export type ClientFiles = Pick<CliIo, "readFile" | "writeFile" | "readDir" | "lstatDir" | "removeAll">;

/** The docker CLI's files on this machine (--env-file, config.json, contexts), relative to `cwd`. */
export function clientFiles(cwd: string): ClientFiles {
  const at = (path: string) => resolve(cwd, path);
  return {
    readFile: (path) => goError("open", path, async () => new Uint8Array(await readFile(at(path)))),
    readDir: (path) => goError("open", path, () => readdir(at(path))),
    lstatDir: (path) =>
      goError("open", path, async () => {
        const dir = at(path);
        const entries = await Promise.all((await readdir(dir)).map((name) => entryOf(dir, name)));
        return entries.filter((entry) => entry !== undefined);
      }),
    removeAll: (path) => goError("unlinkat", path, () => rm(at(path), { recursive: true, force: true })),
    writeFile: (path, data, mode) =>
      goError("open", path, async () => {
        const target = at(path);
        await mkdir(dirname(target), { recursive: true, mode: 0o755 });
        // Beside the target, so the rename stays on one file system and is atomic.
        const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
        try {
          await writeFile(temp, data, { mode });
          await rename(temp, target);
        } catch (error) {
          await rm(temp, { force: true });
          throw error;
        }
      }),
  };
}

/** One entry of a listing, or undefined when it went between readdir and lstat. */
async function entryOf(dir: string, name: string): Promise<ClientDirEntry | undefined> {
  const path = join(dir, name);
  let stats: Stats;
  try {
    stats = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const entry: ClientDirEntry = { name, type: typeOf(stats), mode: stats.mode & 0o7777, size: stats.size, mtime: Math.floor(stats.mtimeMs / 1000) };
  if (stats.isSymbolicLink()) entry.linkTarget = await readlink(path);
  return entry;
}

function typeOf(stats: Stats): ClientDirEntry["type"] {
  if (stats.isFile()) return "file";
  if (stats.isDirectory()) return "directory";
  if (stats.isSymbolicLink()) return "symlink";
  if (stats.isFIFO()) return "fifo";
  if (stats.isSocket()) return "socket";
  if (stats.isCharacterDevice()) return "char";
  if (stats.isBlockDevice()) return "block";
  return "other";
}

const GO_WORDS: Record<string, [ErrorKind, string]> = {
  ENOENT: ["NotFound", "no such file or directory"],
  ENOTDIR: ["NotFound", "not a directory"],
  EACCES: ["Forbidden", "permission denied"],
  EPERM: ["Forbidden", "operation not permitted"],
  EISDIR: ["InvalidParameter", "is a directory"],
  EROFS: ["Forbidden", "read-only file system"],
  ENOSPC: ["Unavailable", "no space left on device"],
};

/** Node's error as Go's os package words it: "open x: no such file or directory". */
async function goError<T>(op: string, path: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const [kind, words] = GO_WORDS[code] ?? ["Internal", code || String(error)];
    throw new DrydockError(kind, `${op} ${path}: ${words}`);
  }
}
