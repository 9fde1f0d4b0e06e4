import type { ImageDeleteResponseItem } from "../../../shared/engine-api/images";
import { displayName, imageCreatedSeconds, type ImageRecord } from "../../image/image-store";
import { pullImage, type ProgressMessage } from "../../image/pull";
import { canonicalString, parseReference, withDefaultTag } from "../../image/reference";
import type { DaemonCore } from "../core";
import type { Filters } from "../filters/filters";
import { listImages, prunableImages } from "../filters/image-filters";
import { removeImage, type ImageRemoveOptions } from "./remove";

/** An image with how many containers use it. */
export interface ImageSummary {
  image: ImageRecord;
  containers: number;
}

/** The daemon's images: pulled from a registry, tagged, listed, removed. */
export class Images {
  constructor(private readonly core: DaemonCore) {}

  /** `POST /images/create?fromImage=`: Docker's progress messages, errors included. */
  pull(image: string, tag: string | undefined): AsyncGenerator<ProgressMessage> {
    const reference = parseReference(tag && !image.includes("@") ? `${image}:${tag}` : image);
    return pullImage(reference, this.core, (name) => this.core.events.emit("image", "pull", name, { name: name.replace(/:[^:/]+$/, "") }));
  }

  /** `GET /images/json`: newest first. */
  async list(filters: Filters): Promise<ImageSummary[]> {
    const images = await listImages(await this.core.images.list(), filters, (reference) => this.core.images.get(reference), Date.now());
    return imageSummaries(this.core, images).sort((a, b) => imageCreatedSeconds(b.image) - imageCreatedSeconds(a.image));
  }

  /** `GET /images/{name}/json` and `/history`. */
  inspect(name: string): Promise<ImageRecord> {
    return this.core.images.get(name);
  }

  /** `POST /images/{name}/tag`. */
  async tag(name: string, repo: string, tag: string | undefined): Promise<void> {
    const image = await this.core.images.get(name);
    const target = canonicalString(withDefaultTag(parseReference(tag ? `${repo}:${tag}` : repo)));
    await this.core.images.put({ ...image, tags: [...new Set([...image.tags, target])] });
    this.core.events.emit("image", "tag", image.id, { name: displayName(target) });
  }

  remove(name: string, options: ImageRemoveOptions): Promise<ImageDeleteResponseItem[]> {
    return removeImage(this.core, name, options);
  }

  /** `POST /images/prune`: the whole set chosen, every filter checked, before the first removal. */
  async prune(filters: Filters): Promise<{ deleted: ImageDeleteResponseItem[]; reclaimed: number }> {
    const used = new Set(this.core.containers.list().map((container) => container.imageId));
    const prunable = prunableImages(await this.core.images.list(), filters, used, Date.now());
    const deleted: ImageDeleteResponseItem[] = [];
    let reclaimed = 0;
    for (const image of prunable) {
      // Tag by tag and without force, as Docker: an image a container took meanwhile keeps its
      // last tag (the conflict is skipped, as Docker skips a failed delete).
      for (const name of image.tags.length ? image.tags : [image.id]) {
        const removed = (await this.remove(name, { force: false }).catch(() => undefined)) ?? [];
        deleted.push(...removed);
        if (removed.some((entry) => entry.Deleted)) reclaimed += image.size;
      }
    }
    return { deleted, reclaimed };
  }
}

export function imageSummaries(core: DaemonCore, images: readonly ImageRecord[]): ImageSummary[] {
  const containers = core.containers.list();
  return images.map((image) => ({ image, containers: containers.filter((c) => c.imageId === image.id).length }));
}
