import { describe, expect, it } from "vitest";
import { DrydockError } from "../../../shared/errors";
import type { ImageRecord } from "../../image/image-store";
import { Filters } from "./filters";
import { listImages, prunableImages } from "./image-filters";

const NOW = Date.UTC(2024, 0, 10);
const DIGEST = "sha256:" + "d".repeat(64);

function image(n: number, tags: string[], created: string | undefined, labels?: Record<string, string>, digests: string[] = []): ImageRecord {
  return {
    id: `sha256:${String(n).repeat(64).slice(0, 64)}`,
    tags,
    digests,
    config: { architecture: "386", os: "linux", created, config: labels ? { Labels: labels } : undefined, rootfs: { type: "layers", diff_ids: [] } },
    layers: [],
    size: 100,
  };
}

const busybox = image(1, ["docker.io/library/busybox:latest", "docker.io/library/busybox:1.36"], "2024-01-01T00:00:00Z", {}, [`docker.io/library/busybox@${DIGEST}`]);
const app = image(2, ["localhost:5000/me/app:v1"], "2024-01-05T00:00:00Z", { tier: "web", keep: "yes" });
const dangling = image(3, [], "2024-01-08T00:00:00Z", { tier: "web" });
const pulledByDigest = image(4, [], "2024-01-03T00:00:00Z", {}, [`docker.io/library/alpine@${DIGEST}`]);
const undated = image(5, ["docker.io/library/scratchy:latest"], undefined);
const images = [busybox, app, dangling, pulledByDigest, undated];

const byName: Record<string, ImageRecord> = { busybox, app: app, "localhost:5000/me/app:v1": app };
const lookup = async (reference: string) => {
  const found = byName[reference];
  if (!found) throw new DrydockError("NotFound", `No such image: ${reference}`);
  return found;
};
const ids = (list: readonly ImageRecord[]) => list.map((i) => Number(i.id.slice(7, 8)));
const list = (filters: object) => listImages(images, Filters.parse(JSON.stringify(filters)), lookup, NOW);

describe("GET /images/json filters", () => {
  it("lists every image with no filters", async () => {
    expect(ids(await list({}))).toEqual([1, 2, 3, 4, 5]);
  });

  it("dangling=true: untagged ones (digest-only too); dangling=false: those with a tag or a digest", async () => {
    expect(ids(await list({ dangling: ["true"] }))).toEqual([3, 4]);
    expect(ids(await list({ dangling: ["false"] }))).toEqual([1, 2, 4, 5]);
    await expect(list({ dangling: ["maybe"] })).rejects.toMatchObject({ kind: "InvalidParameter", message: "invalid filter 'dangling=[maybe]'" });
  });

  it("ANDs labels; an image without a config has none", async () => {
    expect(ids(await list({ label: ["tier=web"] }))).toEqual([2, 3]);
    expect(ids(await list({ label: ["tier=web", "keep"] }))).toEqual([2]);
    expect(ids(await list({ label: ["tier"], dangling: ["true"] }))).toEqual([3]);
  });

  it("reference: a glob on the familiar name with or without the tag; shows only the matching tags", async () => {
    const matched = await list({ reference: ["busybox:1.*"] });
    expect(ids(matched)).toEqual([1]);
    expect(matched[0]!.tags).toEqual(["docker.io/library/busybox:1.36"]);
    expect(matched[0]!.digests).toEqual([]);
    const byRepository = await list({ reference: ["busybox"] });
    expect(byRepository[0]!.tags).toHaveLength(2);
    expect(byRepository[0]!.digests).toHaveLength(1);
    expect(ids(await list({ reference: ["localhost:5000/me/*"] }))).toEqual([2]);
    // A star stops at a slash, but `alpine@sha256:...` has none.
    expect(ids(await list({ reference: ["*"] }))).toEqual([1, 4, 5]);
    expect(ids(await list({ reference: ["alpine", "scratchy"] }))).toEqual([4, 5]);
    await expect(list({ reference: ["[x"] })).rejects.toMatchObject({ kind: "InvalidParameter", message: "syntax error in pattern" });
  });

  it("before/since an image and until a time, strictly; undated images fall out", async () => {
    expect(ids(await list({ before: ["app"] }))).toEqual([1, 4]);
    expect(ids(await list({ since: ["busybox"] }))).toEqual([2, 3, 4]);
    expect(ids(await list({ since: ["busybox"], before: ["app"] }))).toEqual([4]);
    expect(ids(await list({ until: ["2024-01-05T00:00:00Z"] }))).toEqual([1, 4]);
    expect(ids(await list({ until: ["168h"] }))).toEqual([1]);
    // Several values: the tightest bound.
    expect(ids(await list({ before: ["app"], until: ["2024-01-02T00:00:00Z"] }))).toEqual([1]);
    await expect(list({ before: ["nosuch"] })).rejects.toMatchObject({ kind: "NotFound" });
    await expect(list({ until: ["later"] })).rejects.toMatchObject({ kind: "InvalidParameter", message: 'failed to parse value as time or duration: "later"' });
  });

  it("refuses keys images do not take", async () => {
    await expect(list({ "label!": ["a"] })).rejects.toMatchObject({ kind: "InvalidParameter", message: "invalid filter 'label!'" });
    await expect(list({ name: ["a"] })).rejects.toMatchObject({ kind: "InvalidParameter", message: "invalid filter 'name'" });
  });
});

describe("POST /images/prune filters", () => {
  const prune = (filters: object, inUse: string[] = []) => ids(prunableImages(images, Filters.parse(JSON.stringify(filters)), new Set(inUse), NOW));

  it("takes untagged images by default, every unused one with dangling=false", () => {
    expect(prune({})).toEqual([3, 4]);
    expect(prune({ dangling: ["true"] })).toEqual([3, 4]);
    expect(prune({ dangling: ["false"] })).toEqual([1, 2, 3, 4, 5]);
    expect(prune({ dangling: ["0"] }, [app.id, dangling.id])).toEqual([1, 4, 5]);
  });

  it("takes only those with every label, or spares those with every label!", () => {
    expect(prune({ dangling: ["false"], label: ["nosuch=1"] })).toEqual([]);
    expect(prune({ dangling: ["false"], label: ["tier=web"] })).toEqual([2, 3]);
    expect(prune({ dangling: ["false"], "label!": ["keep"] })).toEqual([1, 3, 4, 5]);
    expect(prune({ label: ["tier"] })).toEqual([3]);
  });

  it("takes only those created at or before until; an undated image stays", () => {
    expect(prune({ dangling: ["false"], until: ["2024-01-05T00:00:00Z"] })).toEqual([1, 2, 4]);
    expect(prune({ dangling: ["false"], until: ["1h"] })).toEqual([1, 2, 3, 4]);
  });

  it("refuses other keys and bad values before choosing anything", () => {
    const refused = (filters: object, message: string) => expect(() => prune(filters)).toThrow(expect.objectContaining({ kind: "InvalidParameter", message }));
    refused({ reference: ["busybox"] }, "invalid filter 'reference'");
    refused({ dangling: ["false", "true"] }, "invalid filter 'dangling=[false true]'");
    refused({ until: ["1h", "2h"] }, "more than one until filter specified");
    refused({ until: ["2024-02-30"] }, 'parsing time "2024-02-30": day out of range');
  });
});
