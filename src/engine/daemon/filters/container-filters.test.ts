import { describe, expect, it } from "vitest";
import type { ContainerState } from "../../../shared/engine-api/containers";
import { Container, CREATED } from "../../container/container";
import { listContainers, prunableContainers } from "./container-filters";
import { Filters } from "./filters";

const IMAGE = "sha256:" + "b".repeat(64);
const OTHER_IMAGE = "sha256:" + "c".repeat(64);

/** A container created `minutesAgo` before 12:00 on 2 Jan 2024, in the given state. */
function container(id: string, name: string, minutesAgo: number, state: Partial<ContainerState> = {}, labels?: Record<string, string>, imageId = IMAGE): Container {
  const created = new Date(Date.UTC(2024, 0, 2, 12) - minutesAgo * 60_000).toISOString();
  const started = state.Status && state.Status !== "created" ? { StartedAt: created } : {};
  const history = { state: { ...CREATED, ...started, ...state }, restartCount: 0, manuallyStopped: false };
  return new Container(id.padEnd(64, "0"), `/${name}`, created, imageId, { Image: "busybox", Labels: labels }, "sh", [], history);
}

const NOW = Date.UTC(2024, 0, 2, 12);
const exited = (code: number): Partial<ContainerState> => ({ Status: "exited", ExitCode: code });
const up: Partial<ContainerState> = { Status: "running", Running: true };

const web = container("a1", "web", 5, up, { tier: "web", keep: "yes" });
const db = container("a2", "db", 10, exited(0), { tier: "db" });
const job = container("b3", "job", 15, exited(3), { tier: "web", keep: "no" });
const fresh = container("c4", "fresh", 20, {});
const backoff = container("c5", "backoff", 30, { Status: "restarting", Restarting: true, ExitCode: 1 });
const old = container("d6", "old", 60 * 48, exited(0), undefined, OTHER_IMAGE);
const all = [fresh, web, job, old, db, backoff];

const names = (list: Container[]) => list.map((c) => c.name.slice(1));
const images = async (reference: string) => ({ busybox: IMAGE, [IMAGE]: IMAGE })[reference];
const list = (filters: object, options: Partial<{ all: boolean; limit: number }> = {}) =>
  listContainers(all, Filters.parse(JSON.stringify(filters)), { all: true, limit: -1, ...options }, images).then(names);

describe("GET /containers/json filters", () => {
  it("lists newest first; without all only running ones (and one restarting), unless a status or a limit asks", async () => {
    expect(await list({})).toEqual(["web", "db", "job", "fresh", "backoff", "old"]);
    expect(await list({}, { all: false })).toEqual(["web", "backoff"]);
    expect(await list({ status: ["exited"] }, { all: false })).toEqual(["db", "job", "old"]);
    expect(await list({}, { all: false, limit: 2 })).toEqual(["web", "db"]);
  });

  it("ANDs label values, and each key with the others", async () => {
    expect(await list({ label: ["tier=web"] })).toEqual(["web", "job"]);
    expect(await list({ label: ["tier=web", "keep=no"] })).toEqual(["job"]);
    expect(await list({ label: ["tier=web", "keep"] })).toEqual(["web", "job"]);
    expect(await list({ label: ["tier=web"], status: ["exited"] })).toEqual(["job"]);
    expect(await list({ label: ["nosuch"] })).toEqual([]);
  });

  it("ORs the values of status, exited, name and id", async () => {
    expect(await list({ status: ["running", "created"] })).toEqual(["web", "fresh"]);
    expect(await list({ exited: ["3", "0"] })).toEqual(["db", "job", "old"]);
    expect(await list({ name: ["^w", "job"] })).toEqual(["web", "job"]);
    expect(await list({ name: ["/db"] })).toEqual(["db"]);
    expect(await list({ id: ["a1", "b3"] })).toEqual(["web", "job"]);
    // An ambiguous prefix names no container.
    expect(await list({ id: ["a"] })).toEqual([]);
    expect(await list({ id: ["a"], name: ["db"] })).toEqual([]);
    expect(await list({ id: ["a2"], name: ["web"] })).toEqual([]);
  });

  it("matches exited only for containers that ran and stopped", async () => {
    expect(await list({ exited: ["1"] })).toEqual([]);
    expect(await list({ exited: ["0"] }, { all: false })).toEqual([]);
  });

  it("takes before and since as a full ID or a name, as Docker walks the list", async () => {
    expect(await list({ before: ["job"] })).toEqual(["fresh", "backoff", "old"]);
    expect(await list({ since: ["job"] })).toEqual(["web", "db"]);
    expect(await list({ since: [old.id], before: ["db"] })).toEqual(["job", "fresh", "backoff"]);
    // A since newer than before is never reached.
    expect(await list({ since: ["web"], before: ["job"] })).toEqual(["fresh", "backoff", "old"]);
    // A before that the name filter drops is never reached either.
    expect(await list({ before: ["job"], name: ["old"] })).toEqual([]);
    await expect(list({ before: ["a1"] })).rejects.toMatchObject({ kind: "NotFound", message: "No such container: a1" });
  });

  it("matches ancestor by image; an unknown one is skipped", async () => {
    expect(await list({ ancestor: ["busybox"] })).toEqual(["web", "db", "job", "fresh", "backoff"]);
    expect(await list({ ancestor: ["nosuch", IMAGE] })).toHaveLength(5);
    expect(await list({ ancestor: ["nosuch"] })).toEqual([]);
  });

  it("knows health none, is-task false, and no volumes, networks or ports", async () => {
    expect(await list({ health: ["none"] })).toHaveLength(6);
    expect(await list({ health: ["healthy"] })).toEqual([]);
    expect(await list({ "is-task": ["false"] })).toHaveLength(6);
    expect(await list({ "is-task": ["true"] })).toEqual([]);
    expect(await list({ isolation: ["default"] })).toHaveLength(6);
    for (const key of ["volume", "network", "publish", "expose"]) expect(await list({ [key]: ["80"] }), key).toEqual([]);
  });

  it("answers a key or value Docker refuses with its 400 and its words", async () => {
    const refused = async (filters: object, message: string) => expect(list(filters)).rejects.toMatchObject({ kind: "InvalidParameter", message });
    await refused({ colour: ["red"] }, "invalid filter 'colour'");
    await refused({ "label!": ["a"] }, "invalid filter 'label!'");
    await refused({ until: ["1h"] }, "invalid filter 'until'");
    await refused({ status: ["bogus"] }, "invalid filter 'status=bogus'");
    await refused({ status: ["Running"] }, "invalid filter 'status=Running'");
    await refused({ exited: ["x"] }, `invalid filter 'exited=x': strconv.Atoi: parsing "x": invalid syntax`);
    await refused({ exited: ["99999999999999999999"] }, `invalid filter 'exited=99999999999999999999': strconv.Atoi: parsing "99999999999999999999": value out of range`);
    await refused({ health: ["ok"] }, "unrecognized filter value for health: ok");
    await refused({ "is-task": ["maybe"] }, "invalid filter 'is-task=[maybe]'");
    await refused({ publish: ["80:80"] }, "filter for 'publish' should not contain ':': 80:80");
    await refused({ expose: ["http"] }, `error while looking up for expose http: strconv.ParseUint: parsing "http": invalid syntax`);
    await refused({ publish: ["70000/udp"] }, `error while looking up for publish 70000/udp: strconv.ParseUint: parsing "70000": value out of range`);
    await refused({ publish: ["90-80"] }, "error while looking up for publish 90-80: invalid range specified for port: 90-80");
    await refused({ publish: ["/tcp"] }, "error while looking up for publish /tcp: empty string specified for ports");
  });
});

describe("POST /containers/prune filters", () => {
  const prune = (filters: object) => names(prunableContainers(all, Filters.parse(JSON.stringify(filters)), NOW));

  it("takes every stopped container, not running or restarting ones", () => {
    expect(prune({})).toEqual(["fresh", "job", "old", "db"]);
  });

  it("takes only those with every label, or spares those with every label!", () => {
    expect(prune({ label: ["keep=no"] })).toEqual(["job"]);
    expect(prune({ label: ["tier"] })).toEqual(["job", "db"]);
    expect(prune({ label: ["tier=web", "keep=yes"] })).toEqual([]);
    expect(prune({ "label!": ["keep"] })).toEqual(["fresh", "old", "db"]);
    expect(prune({ "label!": ["tier=db"] })).toEqual(["fresh", "job", "old"]);
    expect(prune({ label: ["tier"], "label!": ["keep=no"] })).toEqual(["db"]);
  });

  it("takes only those created at or before until", () => {
    expect(prune({ until: ["24h"] })).toEqual(["old"]);
    expect(prune({ until: ["15m"] })).toEqual(["fresh", "job", "old"]);
    expect(prune({ until: ["2024-01-02T11:45:00Z"] })).toEqual(["fresh", "job", "old"]);
    expect(prune({ until: [String(NOW / 1000)] })).toEqual(["fresh", "job", "old", "db"]);
    expect(prune({ until: ["24h"], label: ["tier"] })).toEqual([]);
  });

  it("refuses other keys and bad values before choosing anything", () => {
    const refused = (filters: object, message: string) => expect(() => prune(filters)).toThrow(expect.objectContaining({ kind: "InvalidParameter", message }));
    refused({ status: ["exited"] }, "invalid filter 'status'");
    refused({ label: ["a"], name: ["x"] }, "invalid filter 'name'");
    refused({ until: ["1h", "2h"] }, "more than one until filter specified");
    refused({ until: ["yesterday"] }, 'failed to parse value as time or duration: "yesterday"');
    expect(() => prunableContainers(all, Filters.parse("{bad"), NOW)).toThrow("invalid filter");
  });
});
