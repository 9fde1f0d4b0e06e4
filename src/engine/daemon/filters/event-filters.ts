import type { EventMessage } from "../../../shared/engine-api/events";
import { familiarName, parseReference } from "../../image/reference";
import type { Filters } from "./filters";

// `docker events` filters, as moby's daemon/events/filter.go. Docker checks no keys here: one it
// does not know filters nothing.

/** Objects an event names by ID or name (prefixes match), each under its own key. */
const NAMED = ["daemon", "container", "plugin", "volume", "network", "service", "node", "secret", "config"];
/** Actions with a suffix (`exec_start: sh`): these values match by prefix too. */
const SUFFIXED = ["health_status", "exec_create", "exec_start"];

/** Whether `event` passes every filter key. */
export function eventFilter(filters: Filters): (event: EventMessage) => boolean {
  const byPrefix = filters.get("event").some((value) => SUFFIXED.includes(value));
  return (event) => {
    const { ID: id, Attributes: attributes } = event.Actor;
    const imageName = (event.Type === "image" ? attributes.name : attributes.image) ?? "";
    return (
      (byPrefix ? filters.fuzzyMatch("event", event.Action) : filters.exactMatch("event", event.Action)) &&
      filters.exactMatch("type", event.Type) &&
      (!filters.contains("scope") || filters.exactMatch("scope", event.scope)) &&
      NAMED.every((key) => filters.fuzzyMatch(key, id) || filters.fuzzyMatch(key, attributes.name ?? "")) &&
      [id, imageName, repository(id), repository(imageName)].some((name) => filters.exactMatch("image", name)) &&
      filters.matchKVList("label", attributes)
    );
  };
}

/** The image's repository without tag or digest (busybox:latest → busybox); other text as it is. */
function repository(name: string): string {
  try {
    return familiarName(parseReference(name));
  } catch {
    return name;
  }
}
