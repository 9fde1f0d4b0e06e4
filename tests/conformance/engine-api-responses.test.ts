// The daemon's response bodies against the Engine API's swagger, read in place from
// ../shared/specs: every property the swagger defines is sent, with the swagger's type, unless
// listed below with why (Docker 27 leaves it out too, or Drydock has nothing honest to put
// there). Without ../shared these tests are skipped, and say so.
import { beforeAll, describe, expect, it } from "vitest";
import { writeTar } from "../../src/engine/layer/tar-writer";
import { fakeEngine, type FakeEngine } from "../support/fake-engine";
import { wholeBody } from "../support/http-request";
import { resolve, responseBody, SWAGGER, type Schema } from "./swagger";

/** The same reason for a field wherever its struct appears. */
const everywhere = (paths: string[], fields: string[], why: string) => Object.fromEntries(paths.flatMap((path) => fields.map((field) => [`${path}.${field}`, why])));

/**
 * What the bodies leave out, and why: Docker 27 leaves it out too (a Go field tagged omitempty
 * at its zero value, or one sent only when the request asks), or Drydock has nothing to put
 * there. The scenario is a running busybox container with an exec created, on the hub's images.
 */
const NOT_SENT: Record<string, string> = {
  ...everywhere(["/containers/json[]", "/containers/{id}/json"], ["SizeRw", "SizeRootFs"], "sent by Docker only with ?size=1, which Drydock does not measure yet (container layers are tmpfs in the guest)"),
  ...everywhere(["/containers/json[].HostConfig", "/system/df.Containers[].HostConfig", "/containers/{id}/json.HostConfig"], ["Annotations"], "omitempty: no annotations (Drydock refuses --annotation)"),
  ...everywhere(["/images/json[]", "/system/df.Images[]"], ["Manifests"], "sent by Docker only with ?manifests=1 and the containerd image store"),
  "/images/{name}/json.Config.ExposedPorts": "omitempty: busybox exposes no port",
  ...everywhere(["/containers/{id}/json.Config", "/images/{name}/json.Config"], ["Healthcheck", "ArgsEscaped", "NetworkDisabled", "MacAddress", "StopSignal", "StopTimeout", "Shell"], "omitempty: busybox sets none of them, nor does the create request (sent when set)"),
  "/containers/{id}/json.State.Health": "omitempty: no health check (Drydock refuses --health-cmd)",
  "/containers/{id}/json.HostConfig.KernelMemoryTCP": "omitempty: not supported on cgroup v2",
  "/containers/{id}/json.HostConfig.Mounts": "omitempty: no mounts (Drydock refuses --mount)",
  "/containers/{id}/json.HostConfig.StorageOpt": "omitempty: no storage options (Drydock refuses --storage-opt)",
  "/containers/{id}/json.HostConfig.Tmpfs": "omitempty: no tmpfs mounts (Drydock refuses --tmpfs)",
  "/containers/{id}/json.HostConfig.Sysctls": "omitempty: no sysctls (Drydock refuses --sysctl)",
  "/containers/{id}/json.HostConfig.Init": "omitempty, a nil *bool: no --init (Drydock refuses it)",
  "/images/{name}/json.Variant": "omitempty: the hub's images are 386, which has no variant",
  "/images/{name}/json.OsVersion": "omitempty: Linux images have none",
  "/info.KernelMemoryTCP": "omitempty: false on cgroup v2",
  "/info.Runtimes{}.runtimeArgs": "omitempty: the runtime takes no arguments",
  "/info.Runtimes{}.status": "omitempty: Docker sends runc's OCI features document; drydock-agent has none",
  "/info.Swarm.Nodes": "omitempty: swarm is inactive",
  "/info.Swarm.Managers": "omitempty: swarm is inactive",
  "/info.Swarm.Cluster": "omitempty: swarm is inactive",
  "/info.ProductLicense": "omitempty: Docker CE sends none",
  "/info.DefaultAddressPools": "omitempty: sent when daemon.json configures pools; Drydock takes Docker's default ones",
  "/info.Containerd": "omitempty: Drydock runs no containerd",
  "/version.Experimental": "omitempty: false",
  ...everywhere(["/networks[]", "/networks/{id}"], ["EnableIPv4"], "Docker 27 has no such field (Docker 28 sends it, with API 1.48); Drydock's networks are IPv4 only"),
  ...everywhere(["/networks[]", "/networks/{id}"], ["Peers"], "omitempty: sent for overlay networks only (Drydock has none)"),
  ...everywhere(["/networks[].IPAM.Config[]", "/networks/{id}.IPAM.Config[]"], ["AuxiliaryAddresses"], "omitempty: none (Drydock refuses --aux-address)"),
};

/** Where Docker sends null for a scalar the swagger does not call nullable: a Go pointer left nil. */
const NULL_AS_DOCKER: Record<string, string> = {
  "/containers/{id}/json.HostConfig.MemorySwappiness": "a nil *int64: no --memory-swappiness",
  "/exec/{id}/json.ExitCode": "a nil *int: the exec has not run",
};

const isMap = (s: Schema) => s.additionalProperties !== undefined && s.properties === undefined;

/** Every difference between a body and its swagger schema, as "path: what". */
function check(value: unknown, schema: Schema, path: string, seen: Set<string>): string[] {
  const s = resolve(schema);
  if (value === null) {
    if (path in NULL_AS_DOCKER) seen.add(path);
    if (s["x-nullable"] === "true" || s.type === "array" || isMap(s) || path in NULL_AS_DOCKER) return [];
    return [`${path}: null, swagger ${String(s.type ?? "object")}`];
  }
  switch (s.type) {
    case "string":
      return typeof value === "string" ? [] : [`${path}: ${JSON.stringify(value)}, swagger string`];
    case "integer":
      return Number.isInteger(value) ? [] : [`${path}: ${JSON.stringify(value)}, swagger integer`];
    case "number":
      return typeof value === "number" ? [] : [`${path}: ${JSON.stringify(value)}, swagger number`];
    case "boolean":
      return typeof value === "boolean" ? [] : [`${path}: ${JSON.stringify(value)}, swagger boolean`];
    case "array":
      if (!Array.isArray(value)) return [`${path}: ${JSON.stringify(value)}, swagger array`];
      return s.items ? value.flatMap((item) => check(item, s.items as Schema, `${path}[]`, seen)) : [];
  }
  if (typeof value !== "object" || Array.isArray(value)) return [`${path}: ${JSON.stringify(value)}, swagger object`];
  const body = value as Record<string, unknown>;
  const properties = (s.properties ?? {}) as Schema;
  const values = s.additionalProperties && typeof s.additionalProperties === "object" ? (s.additionalProperties as Schema) : undefined;
  const errors: string[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const at = `${path}.${name}`;
    if (at in NOT_SENT) {
      seen.add(at);
      if (name in body) errors.push(`${at}: sent, though listed as not sent`);
    } else if (!(name in body)) errors.push(`${at}: missing`);
    else errors.push(...check(body[name], property as Schema, at, seen));
  }
  for (const [name, item] of Object.entries(body)) {
    if (name in properties) continue;
    if (values) errors.push(...check(item, values, `${path}{}`, seen));
    else if (s.properties) errors.push(`${path}.${name}: not in the swagger`);
  }
  return errors;
}

describe.skipIf(!SWAGGER)(`the daemon's response bodies against ${SWAGGER ?? "../shared/specs/engine-api/swagger-v1.47.yaml (absent: skipped)"}`, () => {
  let engine: FakeEngine;
  let exec: string;
  const seen = new Set<string>();
  beforeAll(async () => {
    engine = await fakeEngine();
    await engine.pull("busybox");
    // A build, so that /system/df has build cache records to send.
    const context = writeTar([{ name: "Dockerfile", body: "FROM busybox\nCOPY Dockerfile /\n" }]);
    const built = await engine.handle({ method: "POST", path: "/build", query: new URLSearchParams("t=built"), headers: new Map(), body: wholeBody(context), signal: new AbortController().signal });
    if ("stream" in built) for await (const chunk of built.stream) void chunk;
    // Its port published (the list's Ports with IP and PublicPort, NetworkSettings.Ports' bindings).
    await engine.request("POST", "/containers/create?name=web", { Image: "busybox", Cmd: ["sleep", "300"], ExposedPorts: { "80/tcp": {} }, HostConfig: { PortBindings: { "80/tcp": [{ HostIp: "", HostPort: "8080" }] } } });
    await engine.request("POST", "/containers/web/start");
    exec = ((await engine.request("POST", "/containers/web/exec", { Cmd: ["true"] })).json() as { Id: string }).Id;
    await engine.request("POST", "/networks/create", { Name: "ranged", IPAM: { Config: [{ Subnet: "10.7.0.0/16", IPRange: "10.7.1.0/24", Gateway: "10.7.0.1" }] } });
  });
  const body = async (path: string) => (await engine.request("GET", path)).json();

  it.each([
    ["/containers/json", "/containers/json?all=1"],
    ["/containers/{id}/json", "/containers/web/json"],
    ["/images/json", "/images/json"],
    ["/images/{name}/json", "/images/busybox/json"],
    ["/info", "/info"],
    ["/version", "/version"],
    ["/system/df", "/system/df"],
    ["/containers/{id}/changes", "/containers/web/changes"],
    ["/exec/{id}/json", "/exec/EXEC/json"],
    // A network with an IP range (IPRange is omitempty, and the built-in ones have none).
    ["/networks", `/networks?filters=${encodeURIComponent('{"name":["ranged"]}')}`],
    ["/networks/{id}", "/networks/ranged"],
  ])("GET %s sends every field the swagger has, typed as it says", async (operation, path) => {
    const got = await body(path.replace("EXEC", exec));
    if (operation === "/system/df") expect((got as { BuildCache: unknown[] }).BuildCache).not.toHaveLength(0);
    expect(check(got, responseBody("get", operation), operation, seen)).toEqual([]);
  });

  it("leaves out nothing but what is listed, and every listed field is still left out", () => {
    // An exception nothing needs any more goes (the cases above have run: tests in a file run in order).
    expect([...Object.keys(NOT_SENT), ...Object.keys(NULL_AS_DOCKER)].filter((path) => !seen.has(path))).toEqual([]);
  });
});
