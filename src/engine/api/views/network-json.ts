import type { NetworkContainer, NetworkInspect } from "../../../shared/engine-api/networks";
import type { NetworkRecord } from "../../daemon/networks/network-record";

/**
 * A network as `GET /networks/{id}` and `GET /networks` send it (moby's network.Inspect, as
 * Docker 27's buildNetworkResource fills it): local scope, the default IPAM driver, no IPv6.
 * The list leaves Containers empty, as Docker's does since API 1.28 (it is not "detailed").
 */
export function networkJson(network: NetworkRecord, options: { containers: boolean } = { containers: true }): NetworkInspect {
  const containers: Record<string, NetworkContainer> = {};
  for (const endpoint of options.containers ? Object.values(network.endpoints) : []) {
    containers[endpoint.containerId] = { Name: endpoint.name, EndpointID: endpoint.endpointId, MacAddress: endpoint.mac, IPv4Address: endpoint.ipv4, IPv6Address: "" };
  }
  const ipam = network.ipam;
  return {
    Name: network.name,
    Id: network.id,
    Created: network.created,
    Scope: "local",
    Driver: network.driver,
    EnableIPv6: false,
    IPAM: {
      Driver: "default",
      Options: network.ipamOptions,
      Config: ipam ? [{ Subnet: ipam.subnet, ...(ipam.ipRange ? { IPRange: ipam.ipRange } : {}), Gateway: ipam.gateway }] : null,
    },
    Internal: network.internal,
    Attachable: network.attachable,
    Ingress: false,
    ConfigFrom: { Network: "" },
    ConfigOnly: false,
    Containers: containers,
    Options: network.options,
    Labels: network.labels,
  };
}
