import { compareVersions } from "../../../shared/api-version";
import { DrydockError } from "../../../shared/errors";
import type { Daemon } from "../../daemon/daemon";
import { json, type HttpResponse } from "../http/response";
import { Filters } from "../filters";
import { listImages, prunableImages } from "../image-filters";
import type { Route, RouteContext } from "../route";
import { imageHistory, inspectImage, listImage } from "../views/image-json";

/** The image routes. */
export function imageRoutes(daemon: Daemon): Route[] {
  const route = (method: string, path: string, handle: (c: RouteContext) => Promise<HttpResponse>): Route => ({ method, path, handle });
  return [
    route("GET", "/images/json", async (c) => {
      const containers = daemon.list();
      let filters = Filters.parse(c.query.get("filters"));
      // Before API 1.41, `filter` (a repository glob) was a reference filter (Docker 27 keeps it so).
      const legacy = c.query.get("filter");
      if (legacy && compareVersions(c.version, "1.41") < 0) filters = filters.with("reference", legacy);
      const images = await listImages(await daemon.images.list(), filters, (reference) => daemon.images.get(reference), Date.now());
      return json(
        200,
        images
          .map((image) => listImage(image, containers.filter((c) => c.imageId === image.id).length))
          .sort((a, b) => (b.Created as number) - (a.Created as number)),
      );
    }),
    route("POST", "/images/create", async (c) => {
      const image = c.query.get("fromImage");
      if (!image) throw new DrydockError("InvalidParameter", "fromImage is required (importing with fromSrc is not supported)");
      const progress = daemon.pull(image, c.query.get("tag") || undefined);
      return {
        status: 200,
        headers: { "Content-Type": "application/json" },
        stream: (async function* () {
          for await (const message of progress) yield JSON.stringify(message) + "\r\n";
        })(),
      };
    }),
    route("POST", "/images/prune", async (c) => {
      // The whole set is chosen, every filter checked, before the first removal.
      const used = new Set(daemon.list().map((container) => container.imageId));
      const prunable = prunableImages(await daemon.images.list(), Filters.parse(c.query.get("filters")), used, Date.now());
      const deleted: { Untagged?: string; Deleted?: string }[] = [];
      let reclaimed = 0;
      for (const image of prunable) {
        // Tag by tag and without force, as Docker: an image a container took meanwhile keeps its
        // last tag (the conflict is skipped, as Docker skips a failed delete).
        for (const name of image.tags.length ? image.tags : [image.id]) {
          const removed = (await daemon.removeImage(name, false).catch(() => undefined)) ?? [];
          deleted.push(...removed);
          if (removed.some((entry) => entry.Deleted)) reclaimed += image.size;
        }
      }
      return json(200, { ImagesDeleted: deleted.length ? deleted : null, SpaceReclaimed: reclaimed });
    }),
    route("GET", "/images/{name*}/json", async (c) => json(200, inspectImage(await daemon.images.get(c.params.name!)))),
    route("GET", "/images/{name*}/history", async (c) => json(200, imageHistory(await daemon.images.get(c.params.name!)))),
    route("POST", "/images/{name*}/tag", async (c) => {
      const repo = c.query.get("repo");
      if (!repo) throw new DrydockError("InvalidParameter", "repository name must have at least one component");
      await daemon.tagImage(c.params.name!, repo, c.query.get("tag") || undefined);
      return { status: 201, body: "" };
    }),
    route("DELETE", "/images/{name*}", async (c) => json(200, await daemon.removeImage(c.params.name!, c.flag("force")))),
  ];
}
