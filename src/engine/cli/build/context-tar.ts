import { DrydockError } from "../../../shared/errors";
import type { SizedBody } from "../../client/http-connection";
import { TAR_END, tarHeader, tarPadding, type TarWriteEntry } from "../../layer/tar-writer";
import type { CliIo } from "../io";
import { joinPath } from "../../builder/go-path";
import { blocksOf, contextTooLarge, type ContextEntry } from "./context-walk";

/** A file the CLI writes into the context itself: a Dockerfile from stdin or from outside it. */
export interface MadeFile {
  path: string;
  data: Uint8Array;
  mode: number;
  /** Seconds since the epoch. */
  mtime: number;
}

/**
 * The context as a tar, made as it is sent: each file is read when its turn comes, so no more
 * than one is held at a time. Entries are as docker's tar of a context has them: paths
 * relative to the context (directories ending in `/`), modes and mtimes kept, owner 0:0,
 * symbolic links as links. A made file replaces the walked entry of its path in place (its
 * header kept, as docker replaces .dockerignore), or comes after the walked ones. The length
 * is known before the first byte, and a tar over `maxBytes` is refused before it.
 */
export function contextTar(io: Pick<CliIo, "readFile">, root: string, entries: readonly ContextEntry[], made: readonly MadeFile[], maxBytes: number): SizedBody {
  const replacing = new Map(made.map((file) => [file.path, file]));
  const parts = entries.map(({ path, entry }) => {
    const file = replacing.get(path);
    replacing.delete(path);
    const header: Omit<TarWriteEntry, "body"> = {
      name: entry.type === "directory" ? `${path}/` : path,
      type: entry.type === "directory" || entry.type === "symlink" || entry.type === "fifo" ? entry.type : "file",
      mode: entry.mode,
      mtime: entry.mtime,
      ...(entry.linkTarget === undefined ? {} : { linkname: entry.linkTarget }),
    };
    const size = file ? file.data.length : entry.type === "file" ? entry.size : 0;
    return { path, header, size, data: file?.data };
  });
  for (const file of replacing.values()) parts.push({ path: file.path, header: { name: file.path, type: "file", mode: file.mode, mtime: file.mtime }, size: file.data.length, data: file.data });
  const length = parts.reduce((sum, part) => sum + tarHeader(part.header, part.size).length + (part.header.type === "file" ? blocksOf(part.size) : 0), TAR_END.length);
  if (length > maxBytes) throw contextTooLarge(maxBytes);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (const part of parts) {
      yield tarHeader(part.header, part.size);
      if (part.header.type !== "file") continue;
      const data = part.data ?? (await io.readFile(joinPath(root, part.path)));
      // The header said how long it is: a file that changed since cannot be sent as it is now.
      if (data.length !== part.size) throw new DrydockError("Conflict", `${part.path} changed while the build context was sent (${part.size} bytes, now ${data.length})`);
      yield data;
      yield tarPadding(part.size);
    }
    yield TAR_END;
  }
  return { length, chunks: chunks() };
}
