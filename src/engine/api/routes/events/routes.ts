import { routeTable, type Route } from "../../route";
import type { EventsBackend } from "./backend";
import * as h from "./handlers";

export function eventRoutes(backend: EventsBackend): Route[] {
  return routeTable(backend, [["GET", "/events", h.events]]);
}
