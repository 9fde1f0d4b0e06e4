import type { Container } from "../../container/container";
import type { ContainerEndpoint } from "../../container/endpoint";
import type { BridgeEndpoint } from "../../runtime/runtime";
import type { DaemonCore } from "../core";
import type { NetworkRecord } from "../networks/network-record";
import { endpointConfig } from "../../container/network-settings";
import { DEFAULT_NAMESERVERS, EMBEDDED_DNS } from "./etc-files";

/** The networks whose containers have no endpoint of their own: the host's stack, or only lo. */
const WITHOUT_ENDPOINT = new Set(["host", "none"]);

/**
 * A bridge network's endpoint for a container about to start (the default bridge, docker0, or a
 * user-defined one): an address from the network's IPAM (recorded in the network, so it cannot
 * be removed meanwhile) and the bridge the runtime puts the container's eth0 on. Undefined for
 * host and none.
 */
export async function joinNetwork(core: DaemonCore, container: Container): Promise<{ runtime: BridgeEndpoint; endpoint: ContainerEndpoint } | undefined> {
  const mode = container.config.HostConfig?.NetworkMode ?? "bridge";
  if (WITHOUT_ENDPOINT.has(mode)) return undefined;
  const network = await core.networks.inspect(mode);
  const asked = endpointConfig(container).IPAMConfig?.IPv4Address || undefined;
  const given = await core.networks.allocate(network.id, container.id, asked, container.name.slice(1));
  // The record as allocate left it: the one inspected before has no endpoint for the container yet.
  const endpointId = (await core.networks.inspect(network.id)).endpoints[container.id]?.endpointId ?? "";
  const prefix = given.ipv4.split("/")[1] ?? "16";
  return {
    runtime: {
      bridge: bridgeName(network),
      gateway: `${given.gateway}/${prefix}`,
      address: given.ipv4,
      mac: given.mac,
      internal: network.internal,
      // The default bridge has no name resolution, as in Docker; its nameservers answer NXDOMAIN.
      resolver: network.name === "bridge" ? DEFAULT_NAMESERVERS : [EMBEDDED_DNS],
    },
    endpoint: { networkId: network.id, endpointId, ipv4: given.ipv4, mac: given.mac, gateway: given.gateway },
  };
}

/**
 * The endpoint given back when the container's process is gone (the runtime removed its veth);
 * not when it runs again already (a start in between took the same endpoint back).
 */
export async function leaveNetwork(core: DaemonCore, container: Container): Promise<void> {
  const endpoint = container.endpoint;
  if (!endpoint || container.state.Running) return;
  container.endpoint = undefined;
  core.ports.release(container);
  container.ports = undefined;
  await core.networks.release(endpoint.networkId, container.id).catch(() => undefined);
}

/** The bridge device of a network: docker0's name for the default one, br-<12 of its ID> for the others, as Docker names them. */
export function bridgeName(network: NetworkRecord): string {
  return network.options["com.docker.network.bridge.name"] ?? `br-${network.id.slice(0, 12)}`;
}
