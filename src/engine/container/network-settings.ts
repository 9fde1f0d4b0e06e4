import type { EndpointConfig } from "../../shared/engine-api/containers";
import type { Container } from "./container";

/** The container's settings for its network, as create kept them under the network's name. */
export function endpointConfig(container: Container): EndpointConfig {
  const mode = container.config.HostConfig?.NetworkMode || "bridge";
  return container.config.NetworkingConfig?.EndpointsConfig?.[mode] ?? {};
}

/**
 * The names a container answers to on a user-defined network, as inspect's DNSNames lists them:
 * its name, its aliases there, its short ID and its hostname.
 */
export function dnsNames(container: Container): string[] {
  const names = [container.name.slice(1), ...(endpointConfig(container).Aliases ?? []), container.id.slice(0, 12)];
  if (container.config.Hostname) names.push(container.config.Hostname);
  return [...new Set(names)];
}
