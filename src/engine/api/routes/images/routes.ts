import { routeTable, type Route } from "../../route";
import type { ImagesBackend } from "./backend";
import * as h from "./handlers";

/** The image routes (moby's router/image). */
export function imageRoutes(backend: ImagesBackend): Route[] {
  return routeTable(backend, [
    ["GET", "/images/json", h.list],
    ["POST", "/images/create", h.pull],
    ["POST", "/images/prune", h.prune],
    ["GET", "/images/{name*}/json", h.inspect],
    ["GET", "/images/{name*}/history", h.history],
    ["POST", "/images/{name*}/tag", h.tag],
    ["DELETE", "/images/{name*}", h.remove],
  ]);
}
