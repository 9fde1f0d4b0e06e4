import { describe, expect, it } from "vitest";
import { MemoryBlobStore } from "../../src/engine/storage/blob-store";
import { MemoryKvStore } from "../../src/engine/storage/kv-store";
import { fakeEngine } from "../support/fake-engine";

const filters = (value: object) => `filters=${encodeURIComponent(JSON.stringify(value))}`;
type Network = { Name: string; Id: string; Driver: string; IPAM: { Config: { Subnet: string; Gateway: string; IPRange?: string }[] | null }; Options: Record<string, string>; Labels: Record<string, string>; Containers: Record<string, unknown> };

describe("the network routes over the daemon", () => {
  it("has Docker's three built-in networks, with the default bridge's subnet and options", async () => {
    const engine = await fakeEngine();
    const list = (await engine.request("GET", "/networks")).json() as Network[];
    expect(list.map((network) => [network.Name, network.Driver])).toEqual([["bridge", "bridge"], ["host", "host"], ["none", "null"]]);
    const bridge = (await engine.request("GET", "/networks/bridge")).json() as Network;
    expect(bridge.IPAM.Config).toEqual([{ Subnet: "172.17.0.0/16", Gateway: "172.17.0.1" }]);
    expect(bridge.Options["com.docker.network.bridge.name"]).toBe("docker0");
    expect(bridge.Id).toMatch(/^[0-9a-f]{64}$/);
    expect(((await engine.request("GET", `/networks/${bridge.Id.slice(0, 5)}`)).json() as Network).Name).toBe("bridge");
    expect((await engine.request("GET", "/networks/host")).json()).toMatchObject({ Driver: "host", IPAM: { Driver: "default", Options: null, Config: null } });
  });

  it("creates bridges from Docker's default pools, refuses duplicates and overlaps in Docker's words, and removes them", async () => {
    const engine = await fakeEngine();
    const created = await engine.request("POST", "/networks/create", { Name: "front", Labels: { tier: "web" } });
    expect(created.status).toBe(201);
    const { Id, Warning } = created.json() as { Id: string; Warning: string };
    expect(Warning).toBe("");
    const front = (await engine.request("GET", "/networks/front")).json() as Network;
    expect([front.Id, front.IPAM.Config]).toEqual([Id, [{ Subnet: "172.18.0.0/16", Gateway: "172.18.0.1" }]]);
    const back = await engine.request("POST", "/networks/create", { Name: "back", IPAM: { Config: [{ Subnet: "10.5.0.0/24", IPRange: "10.5.0.128/25", Gateway: "10.5.0.254" }] }, Internal: true });
    expect(back.status).toBe(201);
    expect(((await engine.request("GET", "/networks/back")).json() as Network).IPAM.Config).toEqual([{ Subnet: "10.5.0.0/24", IPRange: "10.5.0.128/25", Gateway: "10.5.0.254" }]);
    expect(((await engine.request("POST", "/networks/create", { Name: "third" })).json() as { Id: string }).Id).toMatch(/^[0-9a-f]{64}$/);
    expect(((await engine.request("GET", "/networks/third")).json() as Network).IPAM.Config![0]!.Subnet).toBe("172.19.0.0/16");

    const refusals: [object, number, string][] = [
      [{ Name: "front" }, 409, "network with name front already exists"],
      // Docker 27 checks for a duplicate whatever CheckDuplicate says (deprecated in API 1.44).
      [{ Name: "front", CheckDuplicate: false }, 409, "network with name front already exists"],
      [{ Name: "bridge" }, 403, "operation is not permitted on predefined bridge network "],
      [{ Name: "x", IPAM: { Config: [{ Subnet: "172.18.5.0/24" }] } }, 403, "Pool overlaps with other one on this address space"],
      [{ Name: "x", IPAM: { Config: [{ Subnet: "10.9.0.0/33" }] } }, 400, "invalid network config:\ninvalid subnet 10.9.0.0/33: invalid CIDR block notation"],
      [{ Name: "x", IPAM: { Config: [{ Subnet: "10.9.0.0/16", Gateway: "10.8.0.1" }] } }, 400, "invalid network config:\ninvalid gateway 10.8.0.1: parent subnet 10.9.0.0/16 doesn't contain this address"],
      [{ Name: "x", IPAM: { Config: [{ Subnet: "10.9.0.0/16", IPRange: "10.8.0.0/24" }] } }, 400, "invalid network config:\ninvalid ip-range 10.8.0.0/24: parent subnet 10.9.0.0/16 doesn't contain ip-range"],
      [{ Name: "x", IPAM: { Config: [{ Subnet: "10.9.0.1/16", Gateway: "1.2.3.4" }] } }, 400, "invalid network config:\n* invalid subnet 10.9.0.1/16: it should be 10.9.0.0/16\n* invalid gateway 1.2.3.4: parent subnet 10.9.0.1/16 doesn't contain this address"],
      [{ Name: " " }, 400, "invalid name:  "],
      [{ Name: "x", Driver: "host" }, 403, 'only one instance of "host" network is allowed'],
      [{ Name: "x", Driver: "weave" }, 404, "could not find plugin weave in v1 plugin registry: plugin not found"],
      [{ Name: "x", Driver: "macvlan" }, 501, "Drydock does not support the macvlan network driver yet"],
      [{ Name: "x", EnableIPv6: true }, 501, "Drydock does not support EnableIPv6 (--ipv6) yet"],
      [{ Name: "x", ConfigOnly: true }, 501, "Drydock does not support ConfigOnly (--config-only) yet"],
      [{ Name: "x", Options: { "com.docker.network.bridge.name": "br-x" } }, 501, "Drydock does not support the network option com.docker.network.bridge.name=br-x (--opt) yet"],
    ];
    for (const [body, status, message] of refusals) {
      const refused = await engine.request("POST", "/networks/create", body);
      expect([refused.status, refused.json()]).toEqual([status, { message }]);
    }
    expect((await engine.request("POST", "/networks/create", { Name: "ok", Options: { "com.docker.network.driver.mtu": "1500" } })).status).toBe(201);

    expect((await engine.request("DELETE", "/networks/front")).status).toBe(204);
    const builtIn = await engine.request("DELETE", "/networks/bridge");
    expect([builtIn.status, builtIn.json()]).toEqual([403, { message: "bridge is a pre-defined network and cannot be removed" }]);
    expect((await engine.request("DELETE", "/networks/nope")).json()).toEqual({ message: "network nope not found" });
    expect((await engine.request("GET", "/networks/nope")).status).toBe(404);
  });

  it("reads the create body as Docker 27 decodes it, and the inspect query as its router", async () => {
    const engine = await fakeEngine();
    const refused = async (body: unknown) => {
      const reply = await engine.request("POST", "/networks/create", body);
      return [reply.status, (reply.json() as { message: string }).message];
    };
    expect(await refused({ Name: 5 })).toEqual([400, "invalid JSON: json: cannot unmarshal number into Go struct field CreateRequest.Name of type string"]);
    expect(await refused({ Name: "x", IPAM: { Config: [{ Subnet: 1 }] } })).toEqual([400, "invalid JSON: json: cannot unmarshal number into Go struct field IPAMConfig.IPAM.Config.Subnet of type string"]);
    expect(await refused({ Name: "x", Labels: ["a"] })).toEqual([400, "invalid JSON: json: cannot unmarshal array into Go struct field CreateRequest.Labels of type map[string]string"]);
    expect(await refused(undefined)).toEqual([400, "invalid name: "]);
    expect((await engine.request("GET", "/networks/bridge?verbose=x")).json()).toEqual({ message: 'invalid value for verbose: x: strconv.ParseBool: parsing "x": invalid syntax' });
    expect((await engine.request("GET", "/networks/bridge?verbose=1&scope=local")).status).toBe(200);
    expect((await engine.request("GET", "/networks/bridge?scope=swarm")).status).toBe(404);
  });

  it("filters the list as Docker does", async () => {
    const engine = await fakeEngine();
    await engine.request("POST", "/networks/create", { Name: "web", Labels: { tier: "front" } });
    await engine.request("POST", "/networks/create", { Name: "db" });
    const names = async (f: object) => ((await engine.request("GET", `/networks?${filters(f)}`)).json() as Network[]).map((network) => network.Name);
    expect(await names({ type: ["custom"] })).toEqual(["web", "db"]);
    expect(await names({ type: ["builtin"] })).toEqual(["bridge", "host", "none"]);
    expect(await names({ driver: ["null"] })).toEqual(["none"]);
    expect(await names({ name: ["^w"] })).toEqual(["web"]);
    expect(await names({ label: ["tier=front"] })).toEqual(["web"]);
    expect(await names({ dangling: ["true"] })).toEqual(["web", "db"]);
    expect(await names({ scope: ["swarm"] })).toEqual([]);
    const bad = await engine.request("GET", `/networks?${filters({ color: ["red"] })}`);
    expect([bad.status, bad.json()]).toEqual([400, { message: "invalid filter 'color'" }]);
  });

  it("keeps endpoints: a network a container holds an address on is not removed nor pruned", async () => {
    const engine = await fakeEngine();
    const { Id } = (await engine.request("POST", "/networks/create", { Name: "app" })).json() as { Id: string };
    expect(await engine.daemon.networks.allocate(Id, "c1", undefined, "web")).toEqual({ ipv4: "172.18.0.2/16", mac: "02:42:ac:12:00:02", gateway: "172.18.0.1" });
    const app = (await engine.request("GET", "/networks/app")).json() as Network;
    expect(app.Containers).toEqual({ c1: { Name: "web", EndpointID: expect.stringMatching(/^[0-9a-f]{64}$/), MacAddress: "02:42:ac:12:00:02", IPv4Address: "172.18.0.2/16", IPv6Address: "" } });
    // The list is not "detailed": its Containers stay empty, as Docker's since API 1.28.
    expect(((await engine.request("GET", `/networks?${filters({ name: ["app"] })}`)).json() as Network[])[0]!.Containers).toEqual({});
    const refused = await engine.request("DELETE", "/networks/app");
    expect([refused.status, refused.json()]).toEqual([403, { message: `error while removing network: network app id ${Id} has active endpoints` }]);
    expect((await engine.request("POST", "/networks/prune")).json()).toEqual({ NetworksDeleted: null });
    await engine.daemon.networks.release(Id, "c1");
    await engine.request("POST", "/networks/create", { Name: "old", Labels: { keep: "no" } });
    expect((await engine.request("POST", `/networks/prune?${filters({ label: ["keep=no"] })}`)).json()).toEqual({ NetworksDeleted: ["old"] });
    expect((await engine.request("POST", "/networks/prune")).json()).toEqual({ NetworksDeleted: ["app"] });
  });

  it("keeps a container's endpoint under its network's name when the network was named by its ID", async () => {
    const engine = await fakeEngine({ programs: { sleep: (p) => new Promise<void>((resolve) => p.ended.addEventListener("abort", () => resolve())) } });
    await engine.pull("busybox");
    const { Id: netId } = (await engine.request("POST", "/networks/create", { Name: "foo" })).json() as { Id: string };
    const body = { Image: "busybox", Cmd: ["sleep", "60"], HostConfig: { NetworkMode: netId.slice(0, 6) }, NetworkingConfig: { EndpointsConfig: { [netId.slice(0, 6)]: { Aliases: ["db"] } } } };
    expect((await engine.request("POST", "/containers/create?name=c", body)).status).toBe(201);
    expect((await engine.request("POST", "/containers/c/start")).status).toBe(204);
    const inspected = (await engine.request("GET", "/containers/c/json")).json() as { HostConfig: { NetworkMode: string }; NetworkSettings: { Networks: Record<string, object> } };
    expect(inspected.HostConfig.NetworkMode).toBe(netId.slice(0, 6));
    expect(inspected.NetworkSettings.Networks).toEqual({ foo: expect.objectContaining({ IPAddress: "172.18.0.2", Aliases: ["db"] }) });
    const again = await engine.request("POST", "/networks/foo/connect", { Container: "c" });
    expect([again.status, again.json()]).toEqual([403, { message: "endpoint with name c already exists in network foo" }]);
    expect((await engine.request("POST", "/networks/foo/disconnect", { Container: "c" })).status).toBe(200);
  });

  it("refuses a ninth network, and a host-mode container any other", async () => {
    const engine = await fakeEngine();
    await engine.pull("busybox");
    await engine.request("POST", "/containers/create?name=many", { Image: "busybox" });
    await engine.request("POST", "/containers/create?name=hosted", { Image: "busybox", HostConfig: { NetworkMode: "host" } });
    for (let i = 0; i < 8; i++) {
      await engine.request("POST", "/networks/create", { Name: `n${i}` });
      if (i < 7) expect((await engine.request("POST", `/networks/n${i}/connect`, { Container: "many" })).status).toBe(200);
    }
    const ninth = await engine.request("POST", "/networks/n7/connect", { Container: "many" });
    expect([ninth.status, ninth.json()]).toEqual([409, { message: "container many is on 8 networks already, as many as Drydock connects" }]);
    const hosted = await engine.request("POST", "/networks/n0/connect", { Container: "hosted" });
    expect([hosted.status, hosted.json()]).toEqual([400, { message: "container sharing network namespace with another container or host cannot be connected to any other network" }]);
  });

  it("connects and disconnects containers, stopped or running, in Docker's words when it refuses", async () => {
    const engine = await fakeEngine({ programs: { sleep: (p) => new Promise<void>((resolve) => p.ended.addEventListener("abort", () => resolve())) } });
    await engine.pull("busybox");
    const { Id: appId } = (await engine.request("POST", "/networks/create", { Name: "app", IPAM: { Config: [{ Subnet: "10.8.0.0/24" }] } })).json() as { Id: string };
    const { Id } = (await engine.request("POST", "/containers/create?name=web", { Image: "busybox", Cmd: ["sleep", "60"] })).json() as { Id: string };
    const post = async (path: string, body: object) => {
      const response = await engine.request("POST", path, body);
      return [response.status, response.text ? response.json() : ""];
    };
    const networksOf = async () => ((await engine.request("GET", "/containers/web/json")).json() as { NetworkSettings: { Networks: Record<string, { IPAddress: string; Aliases: string[] | null }> } }).NetworkSettings.Networks;
    expect(await post("/networks/app/connect", { Container: "web", EndpointConfig: { Aliases: ["old"] } })).toEqual([200, ""]);
    expect(Object.keys(await networksOf())).toEqual(["bridge", "app"]);
    // Stopped, connected again: the new settings replace the old, as moby's.
    expect(await post("/networks/app/connect", { Container: "web", EndpointConfig: { Aliases: ["www"] } })).toEqual([200, ""]);
    expect(await post("/networks/app/connect", { Container: "web", EndpointConfig: { IPAMConfig: { IPv4Address: "10.8.0.300" } } })).toEqual([400, { message: "invalid IPv4 address: 10.8.0.300" }]);
    expect(await post("/networks/host/connect", { Container: "web" })).toEqual([400, { message: "container cannot be disconnected from host network or connected to host network" }]);
    expect(await post("/networks/app/connect", { Container: "nobody" })).toEqual([404, { message: "No such container: nobody" }]);
    expect(await post("/networks/nope/connect", { Container: "web" })).toEqual([404, { message: "network nope not found" }]);
    // Started, it is on both: docker0 as eth0, the network connected while it was stopped as eth1.
    expect((await engine.request("POST", "/containers/web/start")).status).toBe(204);
    expect(engine.runtime.network(Id)).toMatchObject({ bridge: "docker0", address: "172.17.0.2/16" });
    expect(engine.runtime.added(Id).get("eth1")).toMatchObject({ bridge: `br-${appId.slice(0, 12)}`, address: "10.8.0.2/24" });
    expect(await networksOf()).toMatchObject({ bridge: { IPAddress: "172.17.0.2" }, app: { IPAddress: "10.8.0.2", Aliases: ["www"] } });
    expect(await post("/networks/app/disconnect", { Container: "web" })).toEqual([200, ""]);
    expect(engine.runtime.added(Id).size).toBe(0);
    expect(((await engine.request("GET", "/networks/app")).json() as Network).Containers).toEqual({});
    expect(await post("/networks/app/disconnect", { Container: "web" })).toEqual([403, { message: `container ${Id} is not connected to network app` }]);
    // Running: the device is added at once, with the address asked for.
    expect(await post("/networks/app/connect", { Container: "web", EndpointConfig: { IPAMConfig: { IPv4Address: "10.8.0.50" } } })).toEqual([200, ""]);
    expect(engine.runtime.added(Id).get("eth1")).toMatchObject({ address: "10.8.0.50/24" });
    expect(await post("/networks/bridge/connect", { Container: "web" })).toEqual([403, { message: "endpoint with name web already exists in network bridge" }]);
    expect(await post("/networks/app/disconnect", { Container: "gone", Force: true })).toEqual([404, { message: "No such container: gone" }]);
    const events = (await engine.request("GET", `/events?since=0&until=${Math.ceil(Date.now() / 1000)}&${filters({ type: ["network"] })}`)).text.trim().split("\n").map((line) => JSON.parse(line) as { Action: string; Actor: { ID: string; Attributes: Record<string, string> } });
    expect(events.map((event) => `${event.Action} ${event.Actor.Attributes.name}`)).toEqual(["create app", "connect app", "connect app", "connect bridge", "connect app", "disconnect app", "connect app"]);
    expect(events[1]!.Actor).toEqual({ ID: appId, Attributes: { container: Id, name: "app", type: "bridge" } });
  });

  it("emits create and destroy events, and keeps networks and their IDs across a daemon restart", async () => {
    const stores = { kv: new MemoryKvStore(), blobs: new MemoryBlobStore() };
    const first = await fakeEngine({ stores });
    const seen: string[] = [];
    first.daemon.events.on((event) => seen.push(`${event.Type} ${event.Action} ${event.Actor.Attributes.name ?? ""}`));
    await first.request("POST", "/networks/create", { Name: "kept", IPAM: { Config: [{ Subnet: "10.1.0.0/16" }] } });
    await first.request("POST", "/networks/create", { Name: "gone" });
    await first.request("DELETE", "/networks/gone");
    expect(seen).toEqual(["network create kept", "network create gone", "network destroy gone"]);
    const before = (await first.request("GET", "/networks")).json() as Network[];
    const second = await fakeEngine({ stores });
    expect((await second.request("GET", "/networks")).json()).toEqual(before);
    expect(before.map((network) => network.Name)).toEqual(["bridge", "host", "none", "kept"]);
  });

  it("puts a container started on a user-defined network on its bridge, with its address, and gives it back when it stops", async () => {
    const engine = await fakeEngine({ programs: { sleep: (p) => new Promise<void>((resolve) => p.ended.addEventListener("abort", () => resolve())) } });
    await engine.pull("busybox");
    const { Id: networkId } = (await engine.request("POST", "/networks/create", { Name: "app", Internal: true })).json() as { Id: string };
    expect((await engine.request("POST", "/containers/create?name=web", { Image: "busybox", Cmd: ["sleep", "60"], HostConfig: { NetworkMode: "nope" } })).json()).toEqual({ message: "network nope not found" });
    const { Id } = (await engine.request("POST", "/containers/create?name=web", { Image: "busybox", Cmd: ["sleep", "60"], HostConfig: { NetworkMode: "app" } })).json() as { Id: string };
    expect((await engine.request("POST", `/containers/${Id}/start`)).status).toBe(204);
    expect(engine.runtime.network(Id)).toEqual({ bridge: `br-${networkId.slice(0, 12)}`, gateway: "172.18.0.1/16", address: "172.18.0.2/16", mac: "02:42:ac:12:00:02", internal: true, resolver: ["127.0.0.11"] });
    const settings = ((await engine.request("GET", "/containers/web/json")).json() as { NetworkSettings: { Networks: Record<string, { IPAddress: string; IPPrefixLen: number; Gateway: string; MacAddress: string; NetworkID: string }> } }).NetworkSettings.Networks;
    expect(settings.app).toMatchObject({ IPAddress: "172.18.0.2", IPPrefixLen: 16, Gateway: "172.18.0.1", MacAddress: "02:42:ac:12:00:02", NetworkID: networkId });
    expect(Object.keys(((await engine.request("GET", "/networks/app")).json() as Network).Containers)).toEqual([Id]);
    expect((await engine.request("DELETE", "/networks/app")).json()).toEqual({ message: `error while removing network: network app id ${networkId} has active endpoints` });
    await engine.request("POST", "/containers/web/kill");
    await engine.request("POST", "/containers/web/wait");
    await expect.poll(async () => ((await engine.request("GET", "/networks/app")).json() as Network).Containers).toEqual({});
    expect(((await engine.request("GET", "/containers/web/json")).json() as { NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }).NetworkSettings.Networks.app!.IPAddress).toBe("");
    expect(engine.runtime.bridges().has(`br-${networkId.slice(0, 12)}`)).toBe(true);
    expect((await engine.request("DELETE", "/networks/app")).status).toBe(204);
    expect(engine.runtime.bridges().has(`br-${networkId.slice(0, 12)}`)).toBe(false);
  });
});
