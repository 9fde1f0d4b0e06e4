import type { EndpointConfig } from "../../shared/engine-api/containers";
import type { Container } from "./container";

/**
 * The networks the container is connected to, by name, its first one first: those its
 * endpoints' settings are kept under (create names its network there when it has settings for
 * it, connect and disconnect change them; none at all after disconnecting from every one), or
 * else the one it was created on.
 */
export function networkNames(container: Container): string[] {
  const kept = container.config.NetworkingConfig?.EndpointsConfig;
  return kept ? Object.keys(kept) : [container.config.HostConfig?.NetworkMode || "bridge"];
}

/** The container's settings for a network (its first by default), as create or connect kept them under the network's name. */
export function endpointConfig(container: Container, network = networkNames(container)[0]!): EndpointConfig {
  return container.config.NetworkingConfig?.EndpointsConfig?.[network] ?? {};
}

/**
 * The names a container answers to on a user-defined network, as inspect's DNSNames lists them:
 * its name, its aliases there, its short ID and its hostname.
 */
export function dnsNames(container: Container, network?: string): string[] {
  const names = [container.name.slice(1), ...(endpointConfig(container, network).Aliases ?? []), container.id.slice(0, 12)];
  if (container.config.Hostname) names.push(container.config.Hostname);
  return [...new Set(names)];
}
