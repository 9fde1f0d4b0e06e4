import { DrydockError } from "../../shared/errors";
import type { NodeAttributes } from "../machine/emulator";
import type { GuestFiles } from "../machine/guest-files";
import type { TarEntry } from "./tar-reader";

const WHITEOUT = ".wh.";
const OPAQUE = ".wh..wh..opq";

export interface AppliedLayer {
  /** Directories the layer replaces wholesale (.wh..wh..opq): lower layers' entries are hidden. */
  opaque: string[];
  /** Device nodes the layer asked for and did not get: a container may not have them. */
  skippedDevices: string[];
}

/**
 * Writes a layer's entries under `root` in the 9p tree: files, directories, links, and
 * overlayfs whiteouts for .wh.NAME. An entry that would land outside the layer (.., or through
 * a symlink the layer made) is refused, and so the layer is.
 */
export async function applyLayer(entries: AsyncIterable<TarEntry>, files: GuestFiles, root: string): Promise<AppliedLayer> {
  const result: AppliedLayer = { opaque: [], skippedDevices: [] };
  files.makeDirectory(root, { mode: 0o755, uid: 0, gid: 0, mtime: 0 });
  for await (const entry of entries) {
    const path = insideLayer(entry.name, entry.name);
    if (path === "") continue; // the layer's root directory itself
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) {
      if (files.kind(`${root}/${parts.slice(0, i).join("/")}`) === "symlink") {
        throw refused(entry.name, "it goes through a symbolic link");
      }
    }
    const base = parts.at(-1)!;
    const parent = parts.slice(0, -1).join("/");
    const target = `${root}/${path}`;
    const attributes: NodeAttributes = { mode: entry.mode, uid: entry.uid, gid: entry.gid, mtime: entry.mtime };
    if (base === OPAQUE) {
      files.makeDirectory(parent ? `${root}/${parent}` : root);
      result.opaque.push(parent);
      continue;
    }
    if (base.startsWith(WHITEOUT)) {
      files.whiteout(`${root}/${parent ? parent + "/" : ""}${base.slice(WHITEOUT.length)}`);
      continue;
    }
    switch (entry.type) {
      case "directory":
        if (files.kind(target) !== "directory") files.remove(target);
        files.makeDirectory(target, attributes);
        break;
      case "file":
        await files.writeFile(target, entry.body, attributes);
        break;
      case "symlink":
        files.symlink(target, entry.linkname, attributes);
        break;
      case "hardlink": {
        const existing = insideLayer(entry.linkname, entry.name);
        if (!files.hardlink(target, `${root}/${existing}`)) {
          throw refused(entry.name, `its hard link target ${JSON.stringify(entry.linkname)} is not a file in the layer`);
        }
        break;
      }
      case "fifo":
        files.fifo(target, attributes);
        break;
      case "char":
      case "block":
        result.skippedDevices.push(path);
        break;
    }
  }
  return result;
}

/** The entry's path inside the layer, without ./ or a leading /; ".." is refused. */
function insideLayer(name: string, entry: string): string {
  const parts = name.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.includes("..")) throw refused(entry, "it leaves the layer");
  return parts.join("/");
}

function refused(entry: string, why: string): DrydockError {
  return new DrydockError("InvalidParameter", `invalid layer: refusing ${JSON.stringify(entry)}: ${why}`);
}
