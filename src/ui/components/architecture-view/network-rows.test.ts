import { describe, expect, it } from "vitest";
import type { ContainerSummary } from "../../../shared/engine-api/containers";
import type { NetworkInspect } from "../../../shared/engine-api/networks";
import { networkRows } from "./network-rows";

const network = (Name: string, Driver: string, Subnet?: string, Options: Record<string, string> = {}) =>
  ({ Name, Id: `${Name.padEnd(12, "0")}ffff`, Driver, Options, IPAM: { Driver: "default", Options: null, Config: Subnet ? [{ Subnet }] : null } }) as unknown as NetworkInspect;
const container = (name: string, State: string, networks: Record<string, string>, Ports: ContainerSummary["Ports"] = []) =>
  ({ Id: name, Names: [`/${name}`], State, Ports, NetworkSettings: { Networks: Object.fromEntries(Object.entries(networks).map(([n, IPAddress]) => [n, { IPAddress }])) } }) as unknown as ContainerSummary;

describe("networkRows", () => {
  it("draws the bridge networks with their running containers' addresses and published ports", () => {
    const rows = networkRows(
      [network("bridge", "bridge", "172.17.0.0/16", { "com.docker.network.bridge.name": "docker0" }), network("host", "host"), network("none", "null"), network("shop", "bridge", "172.18.0.0/16")],
      [
        container("site", "running", { bridge: "172.17.0.2" }, [{ PrivatePort: 80, PublicPort: 8080, IP: "0.0.0.0", Type: "tcp" }, { PrivatePort: 80, PublicPort: 8080, IP: "::", Type: "tcp" }]),
        container("old", "exited", { bridge: "" }),
        container("api", "running", { shop: "172.18.0.2", bridge: "172.17.0.3" }),
      ],
    );
    expect(rows).toEqual([
      { name: "bridge", device: "docker0", subnet: "172.17.0.0/16", members: [{ name: "site", address: "172.17.0.2", ports: ["8080→80"] }, { name: "api", address: "172.17.0.3", ports: [] }] },
      { name: "shop", device: "br-shop00000000", subnet: "172.18.0.0/16", members: [{ name: "api", address: "172.18.0.2", ports: [] }] },
    ]);
  });
});
