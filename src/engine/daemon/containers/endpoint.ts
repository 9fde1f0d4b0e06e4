import type { Container } from "../../container/container";
import type { ContainerEndpoint } from "../../container/endpoint";
import { endpointConfig, networkNames } from "../../container/network-settings";
import type { BridgeEndpoint } from "../../runtime/runtime";
import type { DaemonCore } from "../core";
import type { NetworkRecord } from "../networks/network-record";
import { DEFAULT_NAMESERVERS, EMBEDDED_DNS } from "./etc-files";

/** The networks whose containers have no endpoint of their own: the host's stack, or only lo. */
export const WITHOUT_ENDPOINT = new Set(["host", "none"]);

/** An endpoint as the daemon records it and as the runtime makes it. */
export interface Joined {
  network: string;
  runtime: BridgeEndpoint;
  endpoint: ContainerEndpoint;
}

/**
 * The endpoints of a container about to start, one per bridge network it is connected to (the
 * default bridge, docker0, or user-defined ones), its first network's first: each an address from
 * the network's IPAM (recorded in the network, so it cannot be removed meanwhile) and the bridge
 * the runtime puts the container's device on. Empty for host and none. What was allocated is
 * given back if one fails.
 */
export async function joinNetworks(core: DaemonCore, container: Container): Promise<Joined[]> {
  const joined: Joined[] = [];
  try {
    for (const name of networkNames(container)) {
      if (WITHOUT_ENDPOINT.has(name)) continue;
      joined.push(await joinNetwork(core, container, name, `eth${joined.length}`));
    }
  } catch (error) {
    for (const done of joined) await core.networks.release(done.endpoint.networkId, container.id).catch(() => undefined);
    throw error;
  }
  return joined;
}

/** One network's endpoint for the container, as the device `ifname`. */
export async function joinNetwork(core: DaemonCore, container: Container, name: string, ifname: string): Promise<Joined> {
  const network = await core.networks.inspect(name);
  const asked = endpointConfig(container, name).IPAMConfig?.IPv4Address || undefined;
  const given = await core.networks.allocate(network.id, container.id, asked, container.name.slice(1));
  // The record as allocate left it: the one inspected before has no endpoint for the container yet.
  const endpointId = (await core.networks.inspect(network.id)).endpoints[container.id]?.endpointId ?? "";
  const prefix = given.ipv4.split("/")[1] ?? "16";
  return {
    network: network.name,
    runtime: {
      bridge: bridgeName(network),
      gateway: `${given.gateway}/${prefix}`,
      address: given.ipv4,
      mac: given.mac,
      internal: network.internal,
      // The default bridge has no name resolution, as in Docker; its nameservers answer NXDOMAIN.
      resolver: network.name === "bridge" ? DEFAULT_NAMESERVERS : [EMBEDDED_DNS],
    },
    endpoint: { networkId: network.id, endpointId, ipv4: given.ipv4, mac: given.mac, gateway: given.gateway, ifname },
  };
}

/**
 * The endpoints given back when the container's process is gone (the runtime removed its
 * veths); not when it runs again already (a start in between took the same endpoints back).
 * Those of a container that ran tell of their disconnect; a start that failed made none.
 */
export async function leaveNetworks(core: DaemonCore, container: Container, started = true): Promise<void> {
  if (container.endpoints.size === 0 || container.state.Running) return;
  const endpoints = [...container.endpoints];
  container.endpoints.clear();
  core.ports.release(container);
  container.ports = undefined;
  for (const [network, endpoint] of endpoints) {
    await core.networks.release(endpoint.networkId, container.id).catch(() => undefined);
    if (started) core.events.emit("network", "disconnect", endpoint.networkId, { container: container.id, name: network, type: "bridge" });
  }
}

/** The bridge device of a network: docker0's name for the default one, br-<12 of its ID> for the others, as Docker names them. */
export function bridgeName(network: NetworkRecord): string {
  return network.options["com.docker.network.bridge.name"] ?? `br-${network.id.slice(0, 12)}`;
}
