import { DrydockError } from "../../../shared/errors";
import type { Daemon } from "../../daemon/daemon";
import type { ImageRecord } from "../../image/image-store";
import { familiarString, parseReference } from "../../image/reference";
import { json, type HttpResponse } from "../http/response";
import { labelMatches, matchesFilters, parseFilters, unknownFilter, type Filters } from "../filters";
import type { Route, RouteContext } from "../route";
import { imageHistory, inspectImage, listImage } from "../views/image-json";

function matchesImage(image: ImageRecord, filters: Filters): boolean {
  return matchesFilters(filters, (key, value) => {
    switch (key) {
      case "reference": {
        // busybox, busybox:latest, or a glob (bus*): matched against familiar names, as Docker does.
        const glob = new RegExp("^" + value.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*") + "$");
        return image.tags.some((tag) => {
          const familiar = familiarString(parseReference(tag));
          return glob.test(familiar) || glob.test(familiar.replace(/:[^:/]+$/, ""));
        });
      }
      case "dangling":
        return (value === "true") === (image.tags.length === 0);
      case "label":
        return labelMatches(image.config.config?.Labels ?? {}, value);
      default:
        throw unknownFilter(key);
    }
  });
}

/** The image routes. */
export function imageRoutes(daemon: Daemon): Route[] {
  const route = (method: string, path: string, handle: (c: RouteContext) => Promise<HttpResponse>): Route => ({ method, path, handle });
  return [
    route("GET", "/images/json", async (c) => {
      const containers = daemon.list();
      const filters = parseFilters(c.query.get("filters"));
      const images = (await daemon.images.list()).filter((image) => matchesImage(image, filters));
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
      // Without dangling=false only untagged images go; with it, every image no container uses.
      const filters = parseFilters(c.query.get("filters"));
      const all = filters.dangling?.includes("false") ?? false;
      const used = new Set(daemon.list().map((container) => container.imageId));
      const deleted: { Untagged?: string; Deleted?: string }[] = [];
      let reclaimed = 0;
      for (const image of await daemon.images.list()) {
        if (used.has(image.id) || (!all && image.tags.length > 0)) continue;
        deleted.push(...(await daemon.removeImage(image.id, true)));
        reclaimed += image.size;
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
