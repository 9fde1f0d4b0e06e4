import { describe, expect, it } from "vitest";
import type { NetworkCreateRequest } from "../../../shared/engine-api/networks";
import { defaultPools, newNetwork, validateIpam } from "./create";
import { formatPrefix } from "../../network/ipv4";
import type { NetworkRecord } from "./network-record";

const create = (request: NetworkCreateRequest, existing: NetworkRecord[] = []) => newNetwork(request, existing, "f".repeat(64), "2026-12-06T00:00:00.000000000Z");
const bridge = create({ Name: "b", IPAM: { Config: [{ Subnet: "172.17.0.0/16" }] } });

describe("a network create request", () => {
  it("takes Docker's default pools in order, past the ones in use", () => {
    expect(defaultPools().slice(0, 3).map(formatPrefix)).toEqual(["172.17.0.0/16", "172.18.0.0/16", "172.19.0.0/16"]);
    expect(defaultPools().slice(15, 17).map(formatPrefix)).toEqual(["192.168.0.0/20", "192.168.16.0/20"]);
    const first = create({ Name: "one" }, [bridge]);
    expect(first.ipam).toEqual({ subnet: "172.18.0.0/16", gateway: "172.18.0.1" });
    const mine = create({ Name: "mine", IPAM: { Config: [{ Subnet: "172.19.128.0/17" }] } }, [bridge, first]);
    expect(create({ Name: "two" }, [bridge, first, mine]).ipam?.subnet).toBe("172.20.0.0/16");
  });

  it("takes a gateway from the IP range when none is given, its first address too, as libnetwork", () => {
    expect(create({ Name: "r", IPAM: { Config: [{ Subnet: "10.0.0.0/16", IPRange: "10.0.5.0/24" }] } }).ipam).toEqual({ subnet: "10.0.0.0/16", gateway: "10.0.5.0", ipRange: "10.0.5.0/24" });
    expect(create({ Name: "r", IPAM: { Config: [{ Subnet: "10.0.0.0/16", IPRange: "10.0.0.0/24" }] } }).ipam?.gateway).toBe("10.0.0.1");
  });

  it("records labels, options, internal and attachable as given", () => {
    const record = create({ Name: "x", Internal: true, Attachable: true, Labels: { a: "b" }, Options: { "com.docker.network.bridge.enable_icc": "true" }, IPAM: { Driver: "default", Options: {}, Config: [] } });
    expect(record).toMatchObject({ name: "x", driver: "bridge", internal: true, attachable: true, labels: { a: "b" }, options: { "com.docker.network.bridge.enable_icc": "true" }, ipamOptions: {}, subnetGiven: false });
  });

  it("checks IPAM as moby's ValidateIPAM, every problem joined", () => {
    expect(() => validateIpam([{ Subnet: "10.0.0.0/8", IPRange: "10.0.0.1/24" }], false)).toThrow("invalid network config:\ninvalid ip-range 10.0.0.1/24: it should be 10.0.0.0/24");
    expect(() => validateIpam([{ Subnet: "10.0.0.0/16", IPRange: "10.0.0.0/8" }], false)).toThrow("invalid network config:\ninvalid ip-range 10.0.0.0/8: CIDR block is bigger than its parent subnet 10.0.0.0/16");
    expect(() => validateIpam([{ Subnet: "10.0.0.0/16", Gateway: "10.0.0" }], false)).toThrow("invalid network config:\ninvalid gateway 10.0.0: invalid address");
    expect(() => validateIpam([{ Subnet: "" }], false)).toThrow("invalid network config:\ninvalid subnet : invalid CIDR block notation");
    expect(() => validateIpam([{ Subnet: "x" }, { Subnet: "10.0.0.0/16", IPRange: "y" }], false)).toThrow("invalid network config:\n* invalid subnet x: invalid CIDR block notation\n* invalid ip-range y: invalid CIDR block notation");
    expect(() => validateIpam([{ Subnet: "fd00::/64" }], false)).not.toThrow();
  });

  it("refuses, in Docker's order: a predefined name before a bad IPAM, a bad IPAM before a taken name", () => {
    const taken = [create({ Name: "web" })];
    expect(() => create({ Name: "none", IPAM: { Config: [{ Subnet: "x" }] } })).toThrow("operation is not permitted on predefined none network ");
    expect(() => create({ Name: "web", IPAM: { Config: [{ Subnet: "x" }] } }, taken)).toThrow("invalid subnet x");
    expect(() => create({ Name: "web" }, taken)).toThrow("network with name web already exists");
    expect(() => create({ Name: "x", Scope: "swarm" })).toThrow("cannot create a swarm scoped network when swarm is not active");
    expect(() => create({ Name: "x", IPAM: { Config: [{ Subnet: "10.0.0.0/16", AuxiliaryAddresses: { a: "10.0.0.9" } }] } })).toThrow("Drydock does not support IPAM AuxiliaryAddresses (--aux-address) yet");
    expect(() => create({ Name: "x", IPAM: { Driver: "other" } })).toThrow("Drydock does not support the IPAM driver other (--ipam-driver) yet");
    expect(() => create({ Name: "x", Options: { "com.docker.network.enable_ipv6": "maybe" } })).toThrow('driver-opt "com.docker.network.enable_ipv6" is not a valid bool');
  });
});
