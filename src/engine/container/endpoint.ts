/** A container's address on its network while it runs, as inspect's NetworkSettings shows it. */
export interface ContainerEndpoint {
  networkId: string;
  endpointId: string;
  /** "172.18.0.2/16". */
  ipv4: string;
  mac: string;
  gateway: string;
  /** The container's device for it: eth0 for the first network, eth1 and on for those connected later. */
  ifname: string;
}
