import type { ImageDeleteResponseItem } from "../../../shared/engine-api/images";
import { displayName } from "../../image/image-store";
import { canonicalString, parseReference, withDefaultTag } from "../../image/reference";
import type { DaemonCore } from "../core";
import { imageInManyRepositories, imageInUseByRunning, imageInUseByStopped, referenceInUse } from "../errors";

export interface ImageRemoveOptions {
  /** Remove it though stopped containers use it or other repositories name it. */
  force: boolean;
}

/** `DELETE /images/{name}`: a tag when others are left, or the whole image with Docker's conflicts. */
export async function removeImage(core: DaemonCore, name: string, options: ImageRemoveOptions): Promise<ImageDeleteResponseItem[]> {
  const image = await core.images.get(name);
  const users = core.containers.list().filter((c) => c.imageId === image.id);
  // By one of its tags (not by ID): with other tags left, only that tag goes.
  const canonical = canonicalOf(name);
  const byReference = canonical !== undefined && image.tags.includes(canonical);
  if (byReference && image.tags.length > 1) {
    await core.images.put({ ...image, tags: image.tags.filter((t) => t !== canonical) });
    core.events.emit("image", "untag", image.id, { name: displayName(name) });
    return [{ Untagged: displayName(name) }];
  }
  const running = users.find((c) => c.state.Running);
  if (running) throw imageInUseByRunning(image.id, running.id);
  if (users.length > 0 && !options.force) throw byReference ? referenceInUse(name, image.id, users[0]!.id) : imageInUseByStopped(image.id, users[0]!.id);
  if (!byReference && image.tags.length > 1 && !options.force) throw imageInManyRepositories(image.id);
  const result: ImageDeleteResponseItem[] = [];
  for (const tag of image.tags) result.push({ Untagged: displayName(tag) });
  for (const digest of image.digests) result.push({ Untagged: displayName(digest) });
  await core.images.delete(image.id);
  result.push({ Deleted: image.id });
  for (const tag of image.tags) core.events.emit("image", "untag", image.id, { name: displayName(tag) });
  core.events.emit("image", "delete", image.id, { name: image.id });
  for (const layer of image.layers) {
    // The build cache keeps what it made, for the next build (`docker builder prune` frees it).
    const stillUsed = (await core.images.list()).some((other) => other.layers.some((l) => l.digest === layer.digest)) || (await core.buildCache.holds(layer.digest));
    if (!stillUsed) await core.blobs.delete(layer.digest);
  }
  return result;
}

function canonicalOf(name: string): string | undefined {
  try {
    return canonicalString(withDefaultTag(parseReference(name)));
  } catch {
    return undefined;
  }
}
