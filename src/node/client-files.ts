import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { CliIo } from "../engine/cli/io";
import { DrydockError, type ErrorKind } from "../shared/errors";

export type ClientFiles = Pick<CliIo, "readFile" | "writeFile" | "readDir" | "removeAll">;

/** The docker CLI's files on this machine (--env-file, config.json, contexts), relative to `cwd`. */
export function clientFiles(cwd: string): ClientFiles {
  const at = (path: string) => resolve(cwd, path);
  return {
    readFile: (path) => goError("open", path, async () => new Uint8Array(await readFile(at(path)))),
    readDir: (path) => goError("open", path, () => readdir(at(path))),
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
