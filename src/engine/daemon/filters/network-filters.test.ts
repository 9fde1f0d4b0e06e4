import { describe, expect, it } from "vitest";
import type { NetworkRecord } from "../networks/network-record";
import { Filters } from "./filters";
import { listNetworks, prunableNetworks } from "./network-filters";

const network = (name: string, extra: Partial<NetworkRecord> = {}): NetworkRecord => ({
  id: `${name}${"0".repeat(64 - name.length)}`,
  name,
  created: "2026-12-01T00:00:00.000000000Z",
  driver: name === "host" ? "host" : name === "none" ? "null" : "bridge",
  internal: false,
  attachable: false,
  ipamOptions: null,
  ipam: null,
  subnetGiven: false,
  options: {},
  labels: {},
  endpoints: {},
  ...extra,
});
const endpoint = { containerId: "c", name: "c", endpointId: "e", ipv4: "", mac: "" };
const all = [network("bridge", { endpoints: { c: endpoint } }), network("host"), network("none"), network("web", { labels: { tier: "front" } }), network("busy", { endpoints: { c: endpoint } }), network("new", { created: "2026-12-05T00:00:00.000000000Z" })];
const names = (networks: NetworkRecord[]) => networks.map((n) => n.name);
const list = (filters: object) => names(listNetworks(all, Filters.parse(JSON.stringify(filters))));

describe("network filters", () => {
  it("lists by name (a regular expression), id, driver, label, scope, type and dangling", () => {
    expect(list({ name: ["e"] })).toEqual(["bridge", "none", "web", "new"]);
    expect(list({ name: ["^b"] })).toEqual(["bridge", "busy"]);
    expect(list({ id: ["^web"] })).toEqual(["web"]);
    expect(list({ driver: ["bridge"], label: ["tier"] })).toEqual(["web"]);
    expect(list({ scope: ["local"] })).toHaveLength(6);
    expect(list({ type: ["custom"] })).toEqual(["web", "busy", "new"]);
    expect(list({ type: ["builtin", "custom"] })).toEqual(["bridge", "host", "none", "web", "busy", "new"]);
    expect(list({ dangling: ["1"] })).toEqual(["web", "new"]);
    expect(list({ dangling: ["false"] })).toEqual(["bridge", "host", "none", "busy"]);
  });

  it("refuses what Docker refuses, in its words", () => {
    expect(() => list({ until: ["1h"] })).toThrow("invalid filter 'until'");
    expect(() => list({ dangling: ["yes"] })).toThrow(`invalid value for filter 'dangling', must be "true" (or "1"), or "false" (or "0")`);
    expect(() => list({ dangling: ["1", "0"] })).toThrow(`got more than one value for filter key "dangling"`);
    expect(() => list({ type: ["mine"] })).toThrow("invalid filter: 'type'='mine'");
  });

  it("prunes user networks no container uses, by until and label", () => {
    const prune = (filters: object) => names(prunableNetworks(all, Filters.parse(JSON.stringify(filters)), Date.parse("2026-12-06T00:00:00Z")));
    expect(prune({})).toEqual(["web", "new"]);
    expect(prune({ until: ["48h"] })).toEqual(["web"]);
    expect(prune({ "label!": ["tier"] })).toEqual(["new"]);
    expect(() => prune({ dangling: ["true"] })).toThrow("invalid filter 'dangling'");
  });
});
