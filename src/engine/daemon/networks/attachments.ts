import type { EndpointConfig } from "../../../shared/engine-api/containers";
import { DrydockError } from "../../../shared/errors";
import type { Container } from "../../container/container";
import { networkNames } from "../../container/network-settings";
import type { DaemonCore } from "../core";
import type { NetworkRecord } from "./network-record";
import { joinNetwork, WITHOUT_ENDPOINT } from "../containers/endpoint";

/** The most devices a container has: eth0 for its first network, one more per network connected. */
const MAX_ENDPOINTS = 8;

/**
 * `docker network connect` and `disconnect`: the container's networks as its endpoints'
 * settings keep them (NetworkingConfig.EndpointsConfig, by network name), and, while it runs,
 * its devices on them. A stopped container gets its endpoint at its next start.
 */
export class NetworkAttachments {
  constructor(private readonly core: DaemonCore) {}

  async connect(term: string, containerTerm: string, settings: EndpointConfig): Promise<void> {
    const network = await this.core.networks.inspect(term);
    const container = this.core.containers.get(containerTerm);
    await container.changeNetworks(() => this.connectNow(network, container, settings));
  }

  private async connectNow(network: NetworkRecord, container: Container, settings: EndpointConfig): Promise<void> {
    const mode = container.config.HostConfig?.NetworkMode || "bridge";
    if (network.name === "host") throw new DrydockError("InvalidParameter", "container cannot be disconnected from host network or connected to host network");
    if (mode === "host") throw new DrydockError("InvalidParameter", "container sharing network namespace with another container or host cannot be connected to any other network");
    if (network.name === "none" || mode === "none") throw new DrydockError("InvalidParameter", "container cannot be connected to multiple networks with one of the networks in private (none) mode");
    const names = networkNames(container);
    // A stopped container connected again takes the new settings, as moby's; a running one has the endpoint already.
    if (names.includes(network.name) && container.state.Running) throw new DrydockError("Forbidden", `endpoint with name ${container.name.slice(1)} already exists in network ${network.name}`);
    if (!names.includes(network.name) && names.filter((name) => !WITHOUT_ENDPOINT.has(name)).length >= MAX_ENDPOINTS) {
      throw new DrydockError("Conflict", `container ${container.name.slice(1)} is on ${MAX_ENDPOINTS} networks already, as many as Drydock connects`);
    }
    if (settings.Aliases?.length && network.name === "bridge") throw new DrydockError("InvalidParameter", "network-scoped alias is supported only for containers in user defined networks");
    const address = settings.IPAMConfig?.IPv4Address;
    if (address && network.name === "bridge") throw new DrydockError("InvalidParameter", "user specified IP address is supported on user defined networks only");
    if (address && !network.subnetGiven) throw new DrydockError("InvalidParameter", "user specified IP address is supported only when connecting to networks with user configured subnets");
    const endpoints = { ...this.endpointsOf(container), [network.name]: settings };
    if (container.state.Running) await this.plug(container, network.name, endpoints);
    else this.keep(container, endpoints);
    await this.core.repository.save(container);
    this.core.events.emit("network", "connect", network.id, { container: container.id, name: network.name, type: network.driver });
  }

  async disconnect(term: string, containerTerm: string, force: boolean): Promise<void> {
    const network = await this.core.networks.inspect(term);
    let container: Container;
    try {
      container = this.core.containers.get(containerTerm);
    } catch (error) {
      // -f takes a container that is gone off the network all the same (its endpoint by ID or name), as Docker's does.
      const left = Object.values(network.endpoints).find((endpoint) => endpoint.containerId === containerTerm || endpoint.name === containerTerm);
      if (!force || !left) throw error;
      await this.core.networks.release(network.id, left.containerId);
      return;
    }
    await container.changeNetworks(() => this.disconnectNow(network, container));
  }

  private async disconnectNow(network: NetworkRecord, container: Container): Promise<void> {
    if (network.name === "host" || container.config.HostConfig?.NetworkMode === "host") throw new DrydockError("InvalidParameter", "container cannot be disconnected from host network or connected to host network");
    if (!networkNames(container).includes(network.name)) throw new DrydockError("Forbidden", `container ${container.id} is not connected to network ${network.name}`);
    const endpoint = container.endpoints.get(network.name);
    this.keep(container, without(this.endpointsOf(container), network.name));
    if (endpoint) {
      container.endpoints.delete(network.name);
      try {
        await this.core.runtime.removeEndpoint(container.id, endpoint.ifname);
      } finally {
        // Given back whatever the runtime said: the device goes with the container at the latest.
        await this.core.networks.release(endpoint.networkId, container.id);
      }
    }
    await this.core.repository.save(container);
    this.core.events.emit("network", "disconnect", network.id, { container: container.id, name: network.name, type: network.driver });
  }

  /** A running container's device on the network: the first free ethN, its address given back if the runtime refuses. */
  private async plug(container: Container, name: string, endpoints: Record<string, EndpointConfig>): Promise<void> {
    const used = new Set([...container.endpoints.values()].map((endpoint) => endpoint.ifname));
    const ifname = Array.from({ length: MAX_ENDPOINTS }, (_, i) => `eth${i}`).find((candidate) => !used.has(candidate));
    if (!ifname) throw new DrydockError("Conflict", `container ${container.name.slice(1)} is on ${MAX_ENDPOINTS} networks already, as many as Drydock connects`);
    this.keep(container, endpoints);
    let joined;
    try {
      joined = await joinNetwork(this.core, container, name, ifname);
      await this.core.runtime.addEndpoint(container.id, ifname, joined.runtime);
    } catch (error) {
      this.keep(container, without(endpoints, name));
      if (joined) await this.core.networks.release(joined.endpoint.networkId, container.id);
      throw error;
    }
    container.endpoints.set(name, joined.endpoint);
  }

  /** The settings of every network the container is on, its first one's too (create kept none when it had none to keep). */
  private endpointsOf(container: Container): Record<string, EndpointConfig> {
    const kept = container.config.NetworkingConfig?.EndpointsConfig ?? {};
    return Object.fromEntries(networkNames(container).filter((name) => !WITHOUT_ENDPOINT.has(name) || name in kept).map((name) => [name, kept[name] ?? {}]));
  }

  /** An empty map when it is on no network at all: it has only lo. */
  private keep(container: Container, endpoints: Record<string, EndpointConfig>): void {
    container.config.NetworkingConfig = { EndpointsConfig: endpoints };
  }
}

function without<T>(map: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(map).filter(([name]) => name !== key));
}
