import { DrydockError } from "../../../shared/errors";
import { bytesSize } from "../../../shared/human-size";
import type { ClientDirEntry, CliIo } from "../io";
import { joinPath } from "../../builder/go-path";
import type { MatchInfo, PatternMatcher } from "../../builder/dockerignore";

/** One entry of the context as it goes into the tar: its path relative to the context. */
export interface ContextEntry {
  path: string;
  entry: ClientDirEntry;
}

export interface WalkLimits {
  /** The most the tar may hold (MAX_BUILD_CONTEXT): the walk stops as soon as it is passed. */
  maxBytes: number;
  /** The largest file the client can read (the guest shim's), if there is a limit. */
  readLimit?: number;
}

/** What a tar holds of a regular file besides its header: its bytes, in whole blocks. */
export const blocksOf = (size: number) => Math.ceil(size / 512) * 512;

/**
 * The entries of a build context that .dockerignore leaves in, each directory before what it
 * holds, names in byte order (Go's WalkDir, as docker's tar of the context goes). An excluded
 * directory is walked into only when an exception pattern lies inside it: an ignored
 * node_modules costs one entry of its parent's listing, nothing more. The context directory
 * itself is not an entry. Sockets and devices are left out (Go's tar writer refuses sockets;
 * devices are no build's input, and the listing carries no device numbers).
 */
export async function walkContext(io: Pick<CliIo, "lstatDir">, root: string, rootEntries: readonly ClientDirEntry[], matcher: PatternMatcher, limits: WalkLimits): Promise<ContextEntry[]> {
  const found: ContextEntry[] = [];
  // Headers and bodies so far, to stop a walk of a huge tree early; context-tar counts exactly.
  let bytes = 0;
  const visit = async (dir: string, entries: readonly ClientDirEntry[], parent: MatchInfo | undefined) => {
    for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      const { excluded, info } = matcher.match(path, parent);
      const directory = entry.type === "directory";
      if (excluded) {
        if (directory && !matcher.prunes(path)) await visit(path, await io.lstatDir(joinPath(root, path)), info);
        continue;
      }
      if (!["file", "directory", "symlink", "fifo"].includes(entry.type)) continue;
      if (entry.type === "file" && limits.readLimit !== undefined && entry.size > limits.readLimit) {
        throw new DrydockError(
          "InvalidParameter",
          `${path} is ${bytesSize(entry.size)}, and the guest's docker command sends files of at most ${bytesSize(limits.readLimit)} in a build context (leave it out with .dockerignore)`,
        );
      }
      bytes += 512 + (entry.type === "file" ? blocksOf(entry.size) : 0);
      if (bytes > limits.maxBytes) throw contextTooLarge(limits.maxBytes);
      found.push({ path, entry });
      if (directory) await visit(path, await io.lstatDir(joinPath(root, path)), info);
    }
  };
  await visit("", rootEntries, undefined);
  return found;
}

export function contextTooLarge(maxBytes: number): DrydockError {
  return new DrydockError("InvalidParameter", `the build context is over ${bytesSize(maxBytes)}, the most Drydock's daemon takes (leave out what the build does not need with .dockerignore)`);
}
