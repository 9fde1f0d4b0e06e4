import { routeTable, type Route } from "../../route";
import type { NetworksBackend } from "./backend";
import * as h from "./handlers";

/** The network routes (moby's router/network). */
export function networkRoutes(backend: NetworksBackend): Route[] {
  return routeTable(backend, [
    ["GET", "/networks", h.list],
    ["GET", "/networks/", h.list],
    ["POST", "/networks/create", h.create],
    ["POST", "/networks/prune", h.prune],
    ["GET", "/networks/{id}", h.inspect],
    ["POST", "/networks/{id}/connect", h.connect],
    ["POST", "/networks/{id}/disconnect", h.disconnect],
    ["DELETE", "/networks/{id}", h.remove],
  ]);
}
