import { DrydockError } from "../../shared/errors";

const MAX_SYMLINKS = 40;

/** What a tree has at a clean path (no leading "/"): enough to follow symbolic links. */
export type NodeAt = (path: string) => { type: string; linkname: string } | undefined;

/**
 * A path with the tree's symbolic links followed, as moby's FollowSymlinkInScope does: every
 * link is read inside the tree (an absolute target starts at its root, `..` stops there), so no
 * path leaves it. `followLast` follows a link at the end too. Components that do not exist are
 * kept as they are (a destination still to be made). The result is clean ("" is the root).
 */
export function resolveInScope(path: string, nodeAt: NodeAt, followLast = true): string {
  let parts = split(path);
  let done: string[] = [];
  let hops = 0;
  while (parts.length > 0) {
    const part = parts.shift()!;
    if (part === "..") {
      done.pop();
      continue;
    }
    const next = [...done, part].join("/");
    const node = nodeAt(next);
    if (node?.type === "symlink" && (parts.length > 0 || followLast)) {
      if (++hops > MAX_SYMLINKS) throw new DrydockError("InvalidParameter", `too many levels of symbolic links: /${split(path).join("/")}`);
      parts = [...split(node.linkname), ...parts];
      if (node.linkname.startsWith("/")) done = [];
      continue;
    }
    done.push(part);
  }
  return done.join("/");
}

/** A path's parts, "." and empty ones dropped, ".." kept for the walk to apply. */
function split(path: string): string[] {
  return path.split("/").filter((part) => part !== "" && part !== ".");
}
