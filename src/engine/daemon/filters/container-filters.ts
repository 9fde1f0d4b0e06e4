import { DrydockError } from "../../../shared/errors";
import { ZERO_TIME, type Container } from "../../container/container";
import { pruneLabelsMatch, pruneUntil, type Filters } from "./filters";
import { atoi, parseUint } from "../../../shared/go-strconv";

// `docker ps` and `docker container prune` filters, as moby's daemon/list.go and daemon/prune.go.

const LIST_KEYS = new Set(["ancestor", "before", "exited", "id", "isolation", "label", "name", "status", "health", "since", "volume", "network", "is-task", "publish", "expose"]);
const PRUNE_KEYS = new Set(["label", "label!", "until"]);
const STATES = new Set(["paused", "restarting", "removing", "running", "dead", "created", "exited"]);
const HEALTH = new Set(["starting", "healthy", "unhealthy", "none"]);

/** Docker's IsRunning: a container waiting out its restart back-off still counts as running. */
function running(container: Container): boolean {
  return container.state.Running || container.state.Restarting;
}

export interface ListOptions {
  all: boolean;
  limit: number;
}

/**
 * The containers `GET /containers/json` lists, newest first. Every value is checked before any
 * container is looked at, so a bad one is a 400 whatever the containers are.
 */
export async function listContainers(containers: readonly Container[], filters: Filters, options: ListOptions, imageIdOf: (reference: string) => Promise<string | undefined>): Promise<Container[]> {
  filters.validate(LIST_KEYS);
  const exitCodes = filters.get("exited").map((value) => {
    try {
      return atoi(value);
    } catch (error) {
      throw new DrydockError("InvalidParameter", `invalid filter 'exited=${value}': ${(error as Error).message}`);
    }
  });
  for (const value of filters.get("status")) if (!STATES.has(value)) throw new DrydockError("InvalidParameter", `invalid filter 'status=${value}'`);
  // A status filter shows stopped containers without --all.
  const all = options.all || filters.contains("status");
  const isTask = filters.bool("is-task", false);
  for (const value of filters.get("health")) if (!HEALTH.has(value)) throw new DrydockError("InvalidParameter", `unrecognized filter value for health: ${value}`);
  const before = filters.get("before").map((value) => byIdOrName(containers, value)).at(-1);
  const since = filters.get("since").map((value) => byIdOrName(containers, value)).at(-1);
  // An ancestor that is not an image is skipped; when none is, no container matches.
  const ancestors = new Set((await Promise.all(filters.get("ancestor").map((value) => imageIdOf(value).catch(() => undefined)))).filter((id) => id !== undefined));
  for (const key of ["publish", "expose"]) for (const value of filters.get(key)) checkPort(key, value);

  const ids = filters.get("id").map((prefix) => uniqueByPrefix(containers, prefix));
  const named = (container: Container) =>
    (filters.match("name", container.name) || filters.match("name", container.name.slice(1))) && (ids.length === 0 || ids.includes(container));
  const wanted = (container: Container) => {
    const state = container.state;
    return (
      (all || running(container) || options.limit > 0) &&
      (!filters.contains("is-task") || !isTask) &&
      filters.matchKVList("label", container.config.Labels ?? {}) &&
      (exitCodes.length === 0 || (exitCodes.includes(state.ExitCode) && !running(container) && state.StartedAt !== ZERO_TIME)) &&
      filters.match("status", state.Status) &&
      // No health checks yet: every container's health is "none".
      filters.exactMatch("health", "none") &&
      (!filters.contains("ancestor") || ancestors.has(container.imageId)) &&
      // Drydock's containers have no volumes, networks or ports yet (their summaries list none).
      !["volume", "network", "publish", "expose"].some((key) => filters.contains(key))
    );
  };
  // As Docker walks them: newest first, among those the name and ID filters leave, skipping up to
  // and including `before` and stopping at `since` (so one that those filters drop never comes).
  const listed: Container[] = [];
  let skipping = before;
  for (const container of [...containers].filter(named).sort((a, b) => b.created.localeCompare(a.created))) {
    if (skipping) {
      if (container === skipping) skipping = undefined;
      continue;
    }
    if (container === since || (options.limit > 0 && listed.length === options.limit)) break;
    if (wanted(container)) listed.push(container);
  }
  return listed;
}

/** The stopped containers `POST /containers/prune` removes: filters and `until` checked first. */
export function prunableContainers(containers: readonly Container[], filters: Filters, nowMs: number): Container[] {
  filters.validate(PRUNE_KEYS);
  const until = pruneUntil(filters, nowMs);
  return containers.filter((container) => !running(container) && (until === undefined || Date.parse(container.created) <= until) && pruneLabelsMatch(filters, container.config.Labels ?? {}));
}

/** `before`/`since`: a full ID or a name (moby's idOrNameFilter); anything else is a 404. */
function byIdOrName(containers: readonly Container[], value: string): Container {
  const found = containers.find((c) => c.id === value) ?? containers.find((c) => c.name.slice(1) === value.replace(/^\//, ""));
  if (!found) throw new DrydockError("NotFound", `No such container: ${value}`);
  return found;
}

/** An `id` value names the one container with that prefix; an ambiguous or empty one names none. */
function uniqueByPrefix(containers: readonly Container[], prefix: string): Container | undefined {
  const matches = prefix ? containers.filter((c) => c.id.startsWith(prefix)) : [];
  return matches.length === 1 ? matches[0] : undefined;
}

/** `80`, `80/udp`, `8000-8080/tcp`, as go-connections' nat reads them; Docker's words for the rest. */
function checkPort(key: string, value: string): void {
  if (value.includes(":")) throw new DrydockError("InvalidParameter", `filter for '${key}' should not contain ':': ${value}`);
  const port = value.split("/")[0]!;
  try {
    if (port === "") throw new Error("empty string specified for ports");
    // Like nat's ParsePortRange, only the first two parts of a range count.
    const [start, end] = port.includes("-") ? port.split("-").slice(0, 2).map((p) => parseUint(p, 16)) : [parseUint(port, 16)];
    if (end !== undefined && end < start!) throw new Error(`invalid range specified for port: ${port}`);
  } catch (error) {
    throw new DrydockError("InvalidParameter", `error while looking up for ${key} ${value}: ${(error as Error).message}`);
  }
}
