import { routeTable, type Route } from "../../route";
import type { ExecBackend } from "./backend";
import * as h from "./handlers";

/** exec: create in a container, start (attached through a hijack, or detached), resize, inspect. */
export function execRoutes(backend: ExecBackend): Route[] {
  return routeTable(backend, [
    ["POST", "/containers/{id}/exec", h.create],
    ["POST", "/exec/{id}/start", h.start],
    ["POST", "/exec/{id}/resize", h.resize],
    ["GET", "/exec/{id}/json", h.inspect],
  ]);
}
