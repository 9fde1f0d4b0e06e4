import type { ImageDeleteResponseItem } from "../../../shared/engine-api/images";
import { displayName, imageCreatedSeconds, type ImageRecord } from "../../image/image-store";
import { pullImage, type ProgressMessage } from "../../image/pull";
import { canonicalString, parseReference, withDefaultTag } from "../../image/reference";
import type { DaemonCore } from "../core";
import type { Filters } from "../filters/filters";
import { listImages, prunableImages } from "../filters/image-filters";
import { removeImage, type ImageRemoveOptions } from "./remove";

/** An image with how many containers use it and the bytes of its layers other images share; -1 where not counted. */
export interface ImageUsage {
  image: ImageRecord;
  containers: number;
  sharedSize: number;
}

/** What a listing counts besides the images, as moby's image list options: both cost a walk. */
export interface SummaryOptions {
  containers: boolean;
  sharedSize: boolean;
}

/** The daemon's images: pulled from a registry, tagged, listed, removed. */
export class Images {
  constructor(private readonly core: DaemonCore) {}

  /** `POST /images/create?fromImage=`: Docker's progress messages, errors included. */
  pull(image: string, tag: string | undefined): AsyncGenerator<ProgressMessage> {
    const reference = parseReference(tag && !image.includes("@") ? `${image}:${tag}` : image);
    return pullImage(reference, this.core, (name) => this.core.events.emit("image", "pull", name, { name: name.replace(/:[^:/]+$/, "") }));
  }

  /** `GET /images/json`: newest first; Docker counts no containers there, and shared sizes only when asked. */
  async list(filters: Filters, options: { sharedSize: boolean }): Promise<ImageUsage[]> {
    const all = await this.core.images.list();
    const images = await listImages(all, filters, (reference) => this.core.images.get(reference), Date.now());
    return imageSummaries(this.core, images, all, { containers: false, sharedSize: options.sharedSize });
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

/**
 * `images`, newest first, with what `options` asks counted. A layer is shared as Docker shares it: the same
 * layer on the same layers below (one chain) in more than one of `all` the images.
 */
export async function imageSummaries(core: DaemonCore, images: readonly ImageRecord[], all: readonly ImageRecord[], options: SummaryOptions): Promise<ImageUsage[]> {
  const containers = core.containers.list();
  const users = new Map<string, number>();
  for (const image of all) for (const chain of chains(image)) users.set(chain, (users.get(chain) ?? 0) + 1);
  const newestFirst = [...images].sort((a, b) => imageCreatedSeconds(b) - imageCreatedSeconds(a));
  return Promise.all(
    newestFirst.map(async (image) => {
      let sharedSize = -1;
      if (options.sharedSize) {
        const sizes = await layerSizes(core, image);
        sharedSize = chains(image).reduce((n, chain, i) => ((users.get(chain) ?? 0) > 1 ? n + sizes[i]! : n), 0);
      }
      return { image, containers: options.containers ? containers.filter((c) => c.imageId === image.id).length : -1, sharedSize };
    }),
  );
}

/** The bytes of every layer chain some image has, each counted once (moby's LayerDiskUsage). */
export async function layersSize(core: DaemonCore, images: readonly ImageRecord[]): Promise<number> {
  const sizes = new Map<string, number>();
  for (const image of images) {
    const layers = await layerSizes(core, image);
    chains(image).forEach((chain, i) => sizes.set(chain, layers[i]!));
  }
  return [...sizes.values()].reduce((n, size) => n + size, 0);
}

/** Each layer named with the layers below it: a layer is the same layer only on the same base. */
function chains(image: ImageRecord): string[] {
  const diffIds = image.config.rootfs.diff_ids;
  return diffIds.map((_, i) => diffIds.slice(0, i + 1).join(" "));
}

/** Each layer's unpacked size: kept at the pull; an image pulled before that asks the layer store. */
function layerSizes(core: DaemonCore, image: ImageRecord): Promise<number[]> {
  return Promise.all(
    image.config.rootfs.diff_ids.map(async (diffId, i) => image.layers[i]?.unpackedSize ?? (core.layers.has(diffId) ? await core.layers.size(diffId) : 0)),
  );
}
