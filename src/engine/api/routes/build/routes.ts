import { routeTable, type Route } from "../../route";
import type { BuildBackend } from "./backend";
import * as h from "./handlers";

/** `POST /build` (moby's router/build; the classic builder's API, version=1). */
export function buildRoutes(backend: BuildBackend): Route[] {
  return routeTable(backend, [
    ["POST", "/build", h.build],
    ["POST", "/build/prune", h.prune],
  ]);
}
