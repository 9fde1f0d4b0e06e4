import type { ImageRecord } from "../../image/image-store";
import { familiarName, familiarString, parseReference } from "../../image/reference";
import { pruneLabelsMatch, pruneUntil, type Filters } from "./filters";
import { pathMatch } from "./path-match";
import { parseTimestamp } from "./timestamp";

// `docker images` and `docker image prune` filters, as moby's daemon/images/image_list.go and
// image_prune.go (the graph-driver image service Docker 27 uses by default).

const LIST_KEYS = new Set(["dangling", "label", "before", "since", "reference", "until"]);
const PRUNE_KEYS = new Set(["dangling", "label", "label!", "until"]);

const createdOf = (image: ImageRecord) => (image.config.created ? Date.parse(image.config.created) : undefined);

/**
 * The images `GET /images/json` lists, each with only the tags and digests a `reference` filter
 * matches (as Docker shows them). Every value is checked before any image is looked at.
 */
export async function listImages(images: readonly ImageRecord[], filters: Filters, imageOf: (reference: string) => Promise<ImageRecord>, nowMs: number): Promise<ImageRecord[]> {
  filters.validate(LIST_KEYS);
  const danglingOnly = filters.bool("dangling", false);
  // Several before/until values keep the oldest bound, several since values the newest.
  const bounds = async (key: string) => (await Promise.all(filters.get(key).map(async (value) => createdOf(await imageOf(value))))).filter((t) => t !== undefined);
  const upper = [...(await bounds("before")), ...filters.get("until").map((value) => parseTimestamp(value, nowMs))];
  const lower = await bounds("since");
  const before = upper.length ? Math.min(...upper) : undefined;
  const since = lower.length ? Math.max(...lower) : undefined;
  const listed: ImageRecord[] = [];
  for (const image of images) {
    const created = createdOf(image);
    if (before !== undefined && (created === undefined || created >= before)) continue;
    if (since !== undefined && (created === undefined || created <= since)) continue;
    if (filters.contains("label") && (!image.config.config || !filters.matchKVList("label", image.config.config.Labels ?? {}))) continue;
    const tags = image.tags.filter((tag) => referenceMatches(filters, tag));
    const digests = image.digests.filter((digest) => referenceMatches(filters, digest));
    if (tags.length === 0 && digests.length === 0) {
      // Untagged: dangling=false and reference filters leave it out.
      if ((filters.contains("dangling") && !danglingOnly) || filters.contains("reference")) continue;
    } else if (danglingOnly && tags.length > 0) continue;
    listed.push({ ...image, tags, digests });
  }
  return listed;
}

/**
 * The images `POST /images/prune` removes: untagged ones, or with dangling=false (`-a`) every one,
 * that no container uses (as the containerd image service decides; the graph-driver one tries and
 * skips the conflicts), within `until` and the labels. Filters are checked before anything else.
 */
export function prunableImages(images: readonly ImageRecord[], filters: Filters, inUse: ReadonlySet<string>, nowMs: number): ImageRecord[] {
  filters.validate(PRUNE_KEYS);
  const danglingOnly = filters.bool("dangling", true);
  const until = pruneUntil(filters, nowMs);
  return images.filter((image) => {
    const created = createdOf(image);
    return (
      (!danglingOnly || image.tags.length === 0) &&
      !inUse.has(image.id) &&
      (until === undefined || (created !== undefined && created <= until)) &&
      pruneLabelsMatch(filters, image.config.config?.Labels ?? {})
    );
  });
}

/** moby's FamiliarMatch against each `reference` pattern: `busybox:latest`, or just `busybox`. */
function referenceMatches(filters: Filters, canonical: string): boolean {
  if (!filters.contains("reference")) return true;
  const reference = parseReference(canonical);
  return filters.get("reference").some((pattern) => pathMatch(pattern, familiarString(reference)) || pathMatch(pattern, familiarName(reference)));
}
