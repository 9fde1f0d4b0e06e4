import { describe, expect, it } from "vitest";
import { MemoryKvStore } from "../../storage/kv-store";
import { EventLog } from "../events";
import { Filters } from "../filters/filters";
import { NetworkRepository } from "./network-record";
import { Networks } from "./networks";

let counter = 0;
const newId = () => (++counter).toString(16).padStart(64, "0");
const networksOver = (kv: MemoryKvStore) => new Networks(new NetworkRepository(kv), new EventLog(), newId);

describe("the daemon's networks and their endpoints", () => {
  it("gives each container an address once, records its endpoint, and takes it back", async () => {
    const networks = networksOver(new MemoryKvStore());
    const { Id } = await networks.create({ Name: "app", IPAM: { Config: [{ Subnet: "10.1.0.0/24" }] } });
    expect(await networks.allocate(Id, "c1", undefined, "web")).toEqual({ ipv4: "10.1.0.2/24", mac: "02:42:0a:01:00:02", gateway: "10.1.0.1" });
    expect(await networks.allocate("app", "c1")).toEqual({ ipv4: "10.1.0.2/24", mac: "02:42:0a:01:00:02", gateway: "10.1.0.1" });
    expect(await networks.allocate(Id, "c2", "10.1.0.50")).toMatchObject({ ipv4: "10.1.0.50/24" });
    await expect(networks.allocate(Id, "c3", "10.1.0.50")).rejects.toThrow("Address already in use");
    expect((await networks.inspect("app")).endpoints).toMatchObject({ c1: { name: "web", ipv4: "10.1.0.2/24" }, c2: { ipv4: "10.1.0.50/24" } });
    await networks.release(Id, "c1");
    await networks.release(Id, "c1");
    expect(Object.keys((await networks.inspect(Id)).endpoints)).toEqual(["c2"]);
    // Serial: the released address is not given again before the end of the range.
    expect(await networks.allocate(Id, "c4")).toMatchObject({ ipv4: "10.1.0.3/24" });
  });

  it("gives no address on host and none, and a requested one only on a subnet the user gave", async () => {
    const networks = networksOver(new MemoryKvStore());
    expect(await networks.allocate("host", "c1")).toEqual({ ipv4: "", mac: "", gateway: "" });
    expect((await networks.inspect("host")).endpoints.c1).toMatchObject({ ipv4: "", mac: "" });
    await expect(networks.remove("host")).rejects.toThrow("host is a pre-defined network and cannot be removed");
    expect(await networks.allocate("bridge", "c1")).toEqual({ ipv4: "172.17.0.2/16", mac: "02:42:ac:11:00:02", gateway: "172.17.0.1" });
    await networks.create({ Name: "auto" });
    await expect(networks.allocate("auto", "c1", "172.18.0.9")).rejects.toThrow("user specified IP address is supported only when connecting to networks with user configured subnets");
  });

  it("keeps networks, endpoints and the allocator's place in the store", async () => {
    const kv = new MemoryKvStore();
    const first = networksOver(kv);
    const { Id } = await first.create({ Name: "kept" });
    await first.allocate(Id, "c1");
    await first.allocate(Id, "c2");
    await first.release(Id, "c1");
    const second = networksOver(kv);
    expect((await second.list(Filters.parse(null))).map((network) => network.name)).toEqual(["bridge", "host", "none", "kept"]);
    expect(await second.allocate(Id, "c3")).toMatchObject({ ipv4: "172.18.0.4/16" });
    await expect(second.remove("kept")).rejects.toThrow(`error while removing network: network kept id ${Id} has active endpoints`);
  });

  it("finds a network by full ID, then name, then a unique ID prefix, as Docker's router", async () => {
    const networks = networksOver(new MemoryKvStore());
    const { Id } = await networks.create({ Name: "n1" });
    await networks.create({ Name: Id.slice(0, 63) });
    expect((await networks.inspect(Id)).name).toBe("n1");
    expect((await networks.inspect(Id.slice(0, 63))).id).not.toBe(Id);
    await expect(networks.inspect("0000")).rejects.toThrow(/^network 0000 is ambiguous \(\d+ matches found based on ID prefix\)$/);
    await expect(networks.inspect("nope")).rejects.toThrow("network nope not found");
  });
});
