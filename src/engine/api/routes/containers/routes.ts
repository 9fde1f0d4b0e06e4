import { routeTable, type Route } from "../../route";
import type { ContainersBackend } from "./backend";
import * as h from "./handlers";

/** The container routes (moby's router/container). */
export function containerRoutes(backend: ContainersBackend): Route[] {
  return routeTable(backend, [
    ["GET", "/containers/json", h.list],
    ["POST", "/containers/create", h.create],
    ["GET", "/containers/{id}/json", h.inspect],
    ["POST", "/containers/{id}/start", h.start],
    ["POST", "/containers/{id}/stop", h.stop],
    ["POST", "/containers/{id}/restart", h.restart],
    ["POST", "/containers/{id}/kill", h.kill],
    ["POST", "/containers/{id}/pause", h.pause],
    ["POST", "/containers/{id}/unpause", h.unpause],
    ["POST", "/containers/{id}/rename", h.rename],
    ["POST", "/containers/{id}/resize", h.resize],
    ["POST", "/containers/{id}/wait", h.wait],
    ["POST", "/containers/{id}/attach", h.attach],
    ["GET", "/containers/{id}/logs", h.logs],
    ["GET", "/containers/{id}/stats", h.stats],
    ["GET", "/containers/{id}/top", h.top],
    ["GET", "/containers/{id}/changes", h.changes],
    ["POST", "/commit", h.commit],
    ["POST", "/containers/prune", h.prune],
    ["DELETE", "/containers/{id}", h.remove],
  ]);
}
