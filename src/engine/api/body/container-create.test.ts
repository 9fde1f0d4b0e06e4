import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { postRequest } from "../../../../tests/support/http-request";
import { readCreateBody, refuseStartBody } from "./container-create";
import { readExecCreateBody, readExecStartBody } from "./exec-bodies";

const request = (body: string | object, contentType?: string) => postRequest("/containers/create", body, contentType);
const create = (body: string | object, contentType?: string) => readCreateBody(request(body, contentType));
const refusal = async (body: string | object, contentType?: string) => {
  try {
    await create(body, contentType);
  } catch (e) {
    return { kind: (e as { kind?: string }).kind, message: (e as Error).message };
  }
  return "accepted";
};
const host = (HostConfig: object, rest: object = {}) => ({ Image: "busybox", ...rest, HostConfig });

/** Bodies recorded from the docker CLI, dockerode and docker-py (a recording HTTP server stood in for the daemon). */
interface Recorded {
  client: string;
  command: string;
  path: string;
  body: string;
  refused?: string;
}
const recorded = JSON.parse(readFileSync(new URL("./testdata/client-bodies.json", import.meta.url), "utf8")) as Recorded[];

describe("readCreateBody", () => {
  it("refuses the issue's bodies with Docker's words and 400", async () => {
    const bad = (message: string) => ({ kind: "InvalidParameter", message });
    expect(await refusal("null")).toEqual(bad("config cannot be empty in order to create a container"));
    expect(await refusal({ Image: {} })).toEqual(bad("invalid JSON: json: cannot unmarshal object into Go struct field CreateRequest.Image of type string"));
    expect(await refusal({ Image: "busybox", Cmd: 5 })).toEqual(bad("invalid JSON: json: cannot unmarshal number into Go struct field CreateRequest.Cmd of type string"));
    expect(await refusal({ Image: "busybox", Entrypoint: 5 })).toEqual(bad("invalid JSON: json: cannot unmarshal number into Go struct field CreateRequest.Entrypoint of type string"));
    expect(await refusal({ Image: "busybox", Env: [1, 2] })).toEqual(bad("invalid JSON: json: cannot unmarshal number into Go struct field CreateRequest.Env of type string"));
    expect(await refusal("[".repeat(10_001) + "]".repeat(10_001))).toEqual(bad("invalid JSON: invalid character '[' exceeded max depth"));
    expect(await refusal("[".repeat(10_000) + "]".repeat(10_000))).toEqual(bad("invalid JSON: json: cannot unmarshal array into Go value of type container.CreateRequest"));
    expect(await refusal({ Image: "busybox", HostConfig: "x" })).toEqual(bad("invalid JSON: json: cannot unmarshal string into Go struct field CreateRequest.HostConfig of type container.HostConfig"));
    expect(await refusal(host({ Memory: "16m" }))).toEqual(bad("invalid JSON: json: cannot unmarshal string into Go struct field HostConfig.HostConfig.Memory of type int64"));
    expect(await refusal(host({ Memory: -1 }))).toEqual(bad("Minimum memory limit allowed is 6MB"));
    expect(await refusal(host({ Memory: 1 }))).toEqual(bad("Minimum memory limit allowed is 6MB"));
    expect(await refusal(host({ CapAdd: ["BOGUS"] }))).toEqual(bad('invalid CapAdd: unknown capability: "CAP_BOGUS"'));
    expect(await refusal({ Image: "busybox", Hostname: "h".repeat(65) })).toEqual(bad(`hostname "${"h".repeat(65)}" is too long (maximum 64 bytes)`));
  });

  it("takes CapAdd as one string, as Docker 27's StrSlice does", async () => {
    expect((await create(host({ CapAdd: "ALL" }))).HostConfig?.CapAdd).toEqual(["ALL"]);
    expect((await create(host({ CapAdd: ["net_admin", "CAP_SYS_TIME"], CapDrop: ["all"] }))).HostConfig).toMatchObject({ CapAdd: ["net_admin", "CAP_SYS_TIME"], CapDrop: ["all"] });
    expect(await refusal(host({ CapDrop: ["CAP_NOPE"] }))).toMatchObject({ message: 'invalid CapDrop: unknown capability: "CAP_NOPE"' });
  });

  it("reads the body as moby's create route does: empty, cut short, trailing, not JSON", async () => {
    expect(await refusal("")).toMatchObject({ message: "invalid JSON: got EOF while reading request body" });
    expect(await refusal("  ")).toMatchObject({ message: "invalid JSON: got EOF while reading request body" });
    expect(await refusal('{"Image"')).toMatchObject({ message: "invalid JSON: unexpected EOF" });
    expect(await refusal('{"Image":"busybox"} {}')).toMatchObject({ message: "unexpected content after JSON" });
    expect(await refusal("{}")).toMatchObject({ message: "config cannot be empty in order to create a container" });
    expect(await refusal({ HostConfig: { Memory: 1 << 30 } })).toMatchObject({ message: "config cannot be empty in order to create a container" });
    expect(await refusal({ Image: "busybox" }, "text/plain")).toMatchObject({ message: "unsupported Content-Type header (text/plain): must be 'application/json'" });
    expect(await refusal({ Image: "busybox" }, "")).toMatchObject({ message: "malformed Content-Type header (): mime: no media type" });
    expect(await refusal({ Image: "busybox" }, "application/")).toMatchObject({ message: "malformed Content-Type header (application/): mime: expected token after slash" });
    expect((await create({ Image: "busybox" }, "Application/JSON; charset=utf-8")).Image).toBe("busybox");
    const huge = `{"Image":"busybox","X":[${"0,".repeat(2_100_000)}0]}`;
    expect(await refusal(huge)).toMatchObject({ message: `invalid JSON: the body takes ${huge.length} bytes; Drydock reads JSON bodies of at most 4194304 bytes (4 MiB)` });
  });

  it("matches a key to a field regardless of case, as Go's fold does (ſ and the Kelvin sign too, İ and ı not)", async () => {
    expect(await create({ image: "busybox", hostconfig: { MEMORY: 8 << 20 } })).toMatchObject({ Image: "busybox", HostConfig: { Memory: 8 << 20 } });
    expect((await create({ Image: "busybox", Hostname: "a", hoſtname: "b" })).Hostname).toBe("b");
    expect((await create({ Image: "busybox", ["Wor\u212aingDir"]: "/k" })).WorkingDir).toBe("/k");
    expect(await refusal({ ımage: "busybox" })).toMatchObject({ message: "config cannot be empty in order to create a container" });
    expect(await refusal({ İmage: "busybox" })).toMatchObject({ message: "config cannot be empty in order to create a container" });
  });

  it("makes moby's checks before create, in its words", async () => {
    expect(await refusal({ Image: "busybox", WorkingDir: "tmp" })).toMatchObject({ message: "the working directory 'tmp' is invalid, it needs to be an absolute path" });
    expect(await refusal({ Image: "busybox", StopSignal: "SIGNOPE" })).toMatchObject({ message: "invalid signal: SIGNOPE" });
    expect(await refusal({ Image: "busybox", StopSignal: "0" })).toMatchObject({ message: "invalid signal: 0" });
    expect(await refusal({ Image: "busybox", Env: ["=x"] })).toMatchObject({ message: "invalid environment variable: =x" });
    expect(await refusal(host({ Isolation: "hyperv" }))).toMatchObject({ message: 'Invalid isolation: "hyperv" - linux only supports \'default\'' });
    expect(await refusal(host({ IOMaximumBandwidth: 1 }))).toMatchObject({ message: "Invalid QoS settings: linux does not support configuration of maximum bandwidth" });
    expect(await refusal(host({ IOMaximumIOps: 1 }))).toMatchObject({ message: "Invalid QoS settings: linux does not support configuration of maximum IOPs" });
    expect(await refusal(host({ CpuRealtimeRuntime: 1 }))).toMatchObject({ message: "Your kernel does not support CPU real-time scheduler" });
    expect(await refusal(host({ Memory: 64 << 20, MemorySwap: 32 << 20 }))).toMatchObject({ message: "Minimum memoryswap limit should be larger than memory limit, see usage" });
    expect(await refusal(host({ MemorySwap: 32 << 20 }))).toMatchObject({ message: "You should always set the Memory limit when using Memoryswap limit, see usage" });
    expect(await refusal(host({ NanoCpus: 1_500_000_000 }))).toMatchObject({ message: "range of CPUs is from 0.01 to 1.00, as there are only 1 CPUs available" });
    expect(await refusal(host({ NanoCpus: -1 }))).toMatchObject({ message: "range of CPUs is from 0.01 to 1.00, as there are only 1 CPUs available" });
    expect(await refusal(host({ NanoCpus: 5e8, CpuPeriod: 100000 }))).toMatchObject({ message: "Conflicting options: Nano CPUs and CPU Period cannot both be set" });
    expect(await refusal(host({ NanoCpus: 5e8, CpuQuota: 50000 }))).toMatchObject({ message: "Conflicting options: Nano CPUs and CPU Quota cannot both be set" });
    expect(await refusal(host({ CpuPeriod: 999 }))).toMatchObject({ message: "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)" });
    expect(await refusal(host({ CpuQuota: 999 }))).toMatchObject({ message: "CPU cfs quota can not be less than 1ms (i.e. 1000)" });
    expect(await refusal(host({ CpuShares: -1 }))).toMatchObject({ message: "shares: invalid argument" });
    expect(await refusal(host({ CpuShares: 262145 }))).toMatchObject({ message: "range of CPUShares is from 2 to 262144" });
    expect(await refusal(host({ CpuShares: 1 }))).toMatchObject({ message: "range of CPUShares is from 2 to 262144" });
    expect(await refusal(host({ RestartPolicy: { Name: "sometimes" } }))).toMatchObject({ kind: "InvalidParameter" });
    expect(await refusal({ Image: "busybox", Hostname: "é".repeat(33) })).toMatchObject({ message: `hostname "${"é".repeat(33)}" is too long (maximum 64 bytes)` });
    expect((await create({ Image: "busybox", Hostname: "h".repeat(64) })).Hostname).toHaveLength(64);
    expect((await create(host({ Memory: 6 << 20, MemorySwap: -1, NanoCpus: 1e9, CpuShares: 2 }))).HostConfig).toMatchObject({ Memory: 6 << 20, NanoCpus: 1e9 });
    expect((await create(host({ CpuShares: 262144, CpuQuota: -1, CpuPeriod: 1000000 }))).HostConfig).toMatchObject({ CpuQuota: -1, CpuPeriod: 1000000 });
  });

  it("checks --device entries as the docker CLI does", async () => {
    const device = (d: object) => refusal(host({ Devices: [{ PathOnHost: "/dev/fuse", PathInContainer: "/dev/fuse", CgroupPermissions: "rwm", ...d }] }));
    expect(await device({})).toBe("accepted");
    expect(await device({ CgroupPermissions: "rw" })).toBe("accepted");
    expect(await device({ CgroupPermissions: "rwx" })).toMatchObject({ message: "bad mode specified: rwx" });
    expect(await device({ CgroupPermissions: "rr" })).toMatchObject({ message: "bad mode specified: rr" });
    // An API body may leave out what the docker CLI always fills in: the runtime's defaults then.
    expect(await device({ CgroupPermissions: "" })).toBe("accepted");
    expect(await device({ PathInContainer: "" })).toBe("accepted");
    expect(await device({ PathInContainer: "dev/fuse" })).toMatchObject({ message: "dev/fuse is not an absolute path" });
    expect(await device({ PathInContainer: "/dev/a:b" })).toMatchObject({ message: "bad format for path: /dev/fuse:/dev/a:b:rwm" });
    expect(await device({ PathOnHost: "" })).toMatchObject({ message: "bad format for path: :/dev/fuse:rwm" });
  });

  it("refuses what Drydock does not do, naming the field and its flag", async () => {
    const refused = async (body: object) => ((await refusal(body)) as { message: string }).message;
    expect(await refused(host({ Binds: ["/x:/y"] }))).toBe("Drydock does not support HostConfig.Binds (--volume) yet");
    expect(await refused(host({ Init: true }))).toBe("Drydock does not support HostConfig.Init (--init) yet");
    expect(await refused(host({ MemoryReservation: 7 << 20 }))).toBe("Drydock does not support HostConfig.MemoryReservation (--memory-reservation) yet");
    expect(await refused(host({ LogConfig: { Type: "syslog" } }))).toBe("Drydock does not support HostConfig.LogConfig (--log-driver, --log-opt) yet");
    expect(await refused(host({ ShmSize: 1 << 20 }))).toBe("Drydock does not support HostConfig.ShmSize (--shm-size) yet");
    expect(await refused(host({ MaskedPaths: [] }))).toBe("Drydock does not support HostConfig.MaskedPaths (--security-opt systempaths=unconfined) yet");
    expect(await refused({ Image: "busybox", Volumes: { "/data": {} } })).toBe("Drydock does not support Volumes (--volume) yet");
    expect(await refused({ Image: "busybox", Healthcheck: { Test: ["CMD", "true"] } })).toBe("Drydock does not support Healthcheck (--health-cmd) yet");
    expect(await refused({ Image: "busybox", Domainname: "example.com" })).toBe("Drydock does not support Domainname (--domainname) yet");
    expect(await refused(host({ NetworkMode: "container:web" }))).toBe("Drydock does not support HostConfig.NetworkMode container:<name> (--network container:<name>) yet");
    expect(await refused(host({ NetworkMode: "app" }, { NetworkingConfig: { EndpointsConfig: { app: { IPAMConfig: { IPv6Address: "fd00::2" } } } } }))).toBe(
      "Drydock does not support NetworkingConfig.EndpointsConfig.app.IPAMConfig (--ip6, --link-local-ip) yet",
    );
    expect(await refused(host({ NetworkMode: "host" }, { NetworkingConfig: { EndpointsConfig: { bridge: {} } } }))).toBe(
      "Drydock does not support NetworkingConfig.EndpointsConfig.bridge (a second network) yet",
    );
    // A user-defined network's name is the daemon's to find (tests/api/networks.test.ts).
    expect(await refused({ Image: "busybox", NetworkingConfig: { EndpointsConfig: { mynet: null } } })).toBe("Drydock does not support NetworkingConfig.EndpointsConfig.mynet (a second network) yet");
  });

  it("accepts what asks for nothing, or for what Drydock does anyway", async () => {
    expect(
      await create(host({ Init: false, OomKillDisable: false, MemorySwappiness: -1, ShmSize: 64 << 20, Runtime: "runc", Isolation: "default", IpcMode: "private", CgroupnsMode: "private", LogConfig: { Type: "json-file", Config: {} }, ConsoleSize: [0, 0], Dns: [], Tmpfs: {} }, { Healthcheck: { Test: ["NONE"] }, ArgsEscaped: false })),
    ).toMatchObject({ Image: "busybox" });
  });

  it("hands the daemon the fields it uses, normalised as Docker does", async () => {
    expect(await create({ image: "busybox", cmd: "ls -l", WorkingDir: "/tmp//a/./b/../", Volumes: {}, HostConfig: { NetworkMode: "default", PidsLimit: -1, Binds: null } })).toEqual({
      Image: "busybox",
      Cmd: ["ls -l"],
      WorkingDir: "/tmp/a",
      HostConfig: { NetworkMode: "bridge", RestartPolicy: { Name: "no", MaximumRetryCount: 0 } },
    });
    expect((await create({ Image: "busybox", HostConfig: { PidsLimit: 10, ConsoleSize: [30, 100] } })).HostConfig).toMatchObject({ PidsLimit: 10, ConsoleSize: [30, 100] });
  });

  it("takes aliases, --ip, --add-host and --link as moby's checks allow them, and keeps the endpoint under its network", async () => {
    const endpoint = (network: string, settings: object) => host({ NetworkMode: network }, { NetworkingConfig: { EndpointsConfig: { [network]: settings } } });
    expect(await refusal(endpoint("default", { Aliases: ["web"] }))).toEqual({ kind: "InvalidParameter", message: "network-scoped alias is supported only for containers in user defined networks" });
    expect(await refusal(endpoint("bridge", { IPAMConfig: { IPv4Address: "172.17.0.9" } }))).toEqual({ kind: "InvalidParameter", message: "user specified IP address is supported on user defined networks only" });
    expect(await refusal(endpoint("app", { IPAMConfig: { IPv4Address: "172.18.0.300" } }))).toEqual({ kind: "InvalidParameter", message: "invalid IPv4 address: 172.18.0.300" });
    expect(await refusal(host({ ExtraHosts: ["nocolon"] }))).toEqual({ kind: "InvalidParameter", message: 'bad format for add-host: "nocolon"' });
    expect(await refusal(host({ ExtraHosts: ["db:not-an-ip"] }))).toEqual({ kind: "InvalidParameter", message: 'invalid IP address in add-host: "not-an-ip"' });
    expect(await refusal(host({ Links: ["a:b:c"] }))).toEqual({ kind: "InvalidParameter", message: "bad format for links: a:b:c" });
    expect(await refusal(host({ NetworkMode: "host", Links: ["db"] }))).toMatchObject({ message: "conflicting options: host type networking can't be used with links. This would result in undefined behavior" });
    expect(await create(endpoint("app", { Aliases: ["web"], IPAMConfig: { IPv4Address: "172.18.0.9" }, Links: ["db:data"] }))).toMatchObject({
      NetworkingConfig: { EndpointsConfig: { app: { Aliases: ["web"], IPAMConfig: { IPv4Address: "172.18.0.9" } } } },
      HostConfig: { NetworkMode: "app", Links: ["db:data"] },
    });
    expect((await create(host({ ExtraHosts: ["db:10.0.0.2", "gw=host-gateway"] }))).HostConfig).toMatchObject({ ExtraHosts: ["db:10.0.0.2", "gw=host-gateway"] });
  });

  it("takes every body the docker CLI, dockerode and docker-py send (and refuses the ones asking for volumes)", async () => {
    for (const { command, path, body, refused } of recorded) {
      const read = () => (path === "/containers/create" ? readCreateBody(request(body)) : path.endsWith("/exec") ? readExecCreateBody(request(body)) : readExecStartBody(request(body)));
      if (refused) await expect(read(), command).rejects.toThrow(refused);
      else await expect(read(), command).resolves.toBeDefined();
    }
  });
});

describe("refuseStartBody", () => {
  it("refuses a HostConfig at start, as Docker has since API 1.24: by its Content-Length, and any chunked body", () => {
    const deprecated = "starting container with non-empty request body was deprecated since API v1.22 and removed in v1.24";
    expect(() => refuseStartBody(request({ Privileged: true }))).toThrow(deprecated);
    expect(() => refuseStartBody(request("{}"))).not.toThrow();
    expect(() => refuseStartBody(request(""))).not.toThrow();
    const chunked = request("{}");
    expect(() => refuseStartBody({ ...chunked, body: { ...chunked.body, length: undefined } })).toThrow(deprecated);
  });
});
