import type { ContainerSummary } from "../../../shared/engine-api/containers";
import type { NetworkInspect } from "../../../shared/engine-api/networks";

/** A bridge network as the architecture view draws it: its device, its subnet and the running containers on it. */
export interface NetworkRow {
  name: string;
  /** The bridge device in the Docker host: docker0, or br- and the first 12 of the network's ID. */
  device: string;
  subnet: string;
  members: { name: string; address: string; ports: string[] }[];
}

/**
 * The bridge networks (host and none have no addresses of their own), oldest first as the
 * daemon lists them, each with the running containers that have an address there and the host
 * ports they publish (`8080→80`).
 */
export function networkRows(networks: readonly NetworkInspect[], containers: readonly ContainerSummary[]): NetworkRow[] {
  return networks
    .filter((network) => network.Driver === "bridge")
    .map((network) => ({
      name: network.Name,
      device: network.Options["com.docker.network.bridge.name"] ?? `br-${network.Id.slice(0, 12)}`,
      subnet: network.IPAM.Config?.[0]?.Subnet ?? "",
      members: containers.flatMap((container) => {
        const address = (container.NetworkSettings?.Networks?.[network.Name] as { IPAddress?: string } | undefined)?.IPAddress;
        if (container.State !== "running" || !address) return [];
        const ports = container.Ports.filter((port) => port.PublicPort !== undefined).map((port) => `${port.PublicPort}→${port.PrivatePort}`);
        return [{ name: container.Names[0]?.slice(1) ?? container.Id.slice(0, 12), address, ports: [...new Set(ports)] }];
      }),
    }));
}
