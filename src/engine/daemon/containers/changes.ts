import type { ContainerChange } from "../../../shared/engine-api/containers";
import { cleanPath } from "../../builder/context";
import { once } from "../../layer/gunzip";
import { readTar } from "../../layer/tar-reader";
import type { DaemonCore } from "../core";

const WHITEOUT = ".wh.";
const OPAQUE = ".wh..wh..opq";
/** Docker's kinds: Modified, Added, Deleted. */
const MODIFIED = 0;
const ADDED = 1;
const DELETED = 2;

/**
 * `GET /containers/{id}/changes` (`docker diff`): the container's layer read as Docker reads its
 * rw layer: a path the image has is changed, one it lacks is added, a whiteout is a deletion;
 * directories a change lies under are changed too. Sorted by path, as Docker sorts them.
 */
export async function changes(core: DaemonCore, nameOrId: string): Promise<ContainerChange[] | null> {
  const container = core.containers.get(nameOrId);
  const image = await core.images.get(container.imageId);
  const tar = await core.runtime.diff(container.id);
  const fs = await core.imageFs.open(image.layers.map((layer) => layer.digest));
  const found = new Map<string, ContainerChange["Kind"]>();
  for await (const entry of readTar(once(tar))) {
    const path = cleanPath(entry.name);
    if (!path) continue;
    const slash = path.lastIndexOf("/");
    const dir = slash === -1 ? "" : path.slice(0, slash);
    const base = path.slice(slash + 1);
    if (base === OPAQUE) {
      if (dir) found.set(dir, MODIFIED);
      continue;
    }
    if (base.startsWith(WHITEOUT)) {
      found.set(`${dir ? `${dir}/` : ""}${base.slice(WHITEOUT.length)}`, DELETED);
      continue;
    }
    found.set(path, fs.get(path) ? MODIFIED : ADDED);
  }
  const list = [...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, kind]) => ({ Path: `/${path}`, Kind: kind as ContainerChange["Kind"] }));
  return list.length > 0 ? list : null;
}
