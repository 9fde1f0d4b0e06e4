import { routeTable, type Route } from "../../route";
import type { SystemBackend } from "./backend";
import * as h from "./handlers";

/** _ping, version, info, system/df. */
export function systemRoutes(backend: SystemBackend): Route[] {
  return routeTable(backend, [
    ["GET", "/_ping", h.ping],
    ["HEAD", "/_ping", h.ping],
    ["GET", "/version", h.version],
    ["GET", "/system/df", h.diskUsage],
    ["GET", "/info", h.info],
  ]);
}
