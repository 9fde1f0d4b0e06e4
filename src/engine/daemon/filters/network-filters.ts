import { DrydockError } from "../../../shared/errors";
import { PREDEFINED } from "../networks/create";
import type { NetworkRecord } from "../networks/network-record";
import { Filters, pruneLabelsMatch, pruneUntil } from "./filters";

const LIST_KEYS = new Set(["dangling", "driver", "id", "label", "name", "scope", "type"]);
const PRUNE_KEYS = new Set(["label", "label!", "until"]);

const inUse = (network: NetworkRecord) => Object.keys(network.endpoints).length > 0;

/** `GET /networks`'s filters, as moby's daemon/network.FilterNetworks applies them. */
export function listNetworks(networks: readonly NetworkRecord[], filters: Filters): NetworkRecord[] {
  filters.validate(LIST_KEYS);
  let shown = networks.filter(
    (network) =>
      (!filters.contains("driver") || filters.exactMatch("driver", network.driver)) &&
      (!filters.contains("name") || filters.match("name", network.name)) &&
      (!filters.contains("id") || filters.match("id", network.id)) &&
      (!filters.contains("label") || filters.matchKVList("label", network.labels)) &&
      (!filters.contains("scope") || filters.exactMatch("scope", "local")),
  );
  const dangling = filters.get("dangling");
  if (dangling.length > 1) throw new DrydockError("InvalidParameter", `got more than one value for filter key "dangling"`);
  if (dangling.length === 1) {
    let only: boolean;
    if (["0", "false"].includes(dangling[0]!)) only = false;
    else if (["1", "true"].includes(dangling[0]!)) only = true;
    else throw new DrydockError("InvalidParameter", `invalid value for filter 'dangling', must be "true" (or "1"), or "false" (or "0")`);
    shown = shown.filter((network) => (only ? !PREDEFINED.has(network.name) && !inUse(network) : PREDEFINED.has(network.name) || inUse(network)));
  }
  if (filters.contains("type")) {
    const byType: NetworkRecord[] = [];
    for (const type of filters.get("type")) {
      // Docker's own error here carries no kind: a 500.
      if (type !== "builtin" && type !== "custom") throw new DrydockError("Internal", `invalid filter: 'type'='${type}'`);
      byType.push(...shown.filter((network) => PREDEFINED.has(network.name) === (type === "builtin")));
    }
    shown = byType;
  }
  return shown;
}

/** The networks `POST /networks/prune` removes: none built in, none in use, `until` and labels as Docker's. */
export function prunableNetworks(networks: readonly NetworkRecord[], filters: Filters, nowMs: number): NetworkRecord[] {
  filters.validate(PRUNE_KEYS);
  const until = pruneUntil(filters, nowMs);
  return networks.filter(
    (network) => !PREDEFINED.has(network.name) && !inUse(network) && (until === undefined || Date.parse(network.created) <= until) && pruneLabelsMatch(filters, network.labels),
  );
}
