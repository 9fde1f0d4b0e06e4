import type { PortBinding } from "../../shared/engine-api/containers";
import type { Container } from "./container";

/** The ports a container exposes: its Config.ExposedPorts (the image's merged in at create) and those it publishes. */
export function exposedPorts(container: Container): string[] {
  const ports = new Set([...Object.keys(container.config.ExposedPorts ?? {}), ...Object.keys(container.config.HostConfig?.PortBindings ?? {})]);
  return [...ports].sort((a, b) => parseInt(a) - parseInt(b) || (a < b ? -1 : 1));
}

/** The container's ports for inspect's NetworkSettings.Ports: each exposed one, with its bindings while it runs, else null. */
export function portMap(container: Container): Record<string, PortBinding[] | null> {
  if (!container.state.Running || container.endpoints.size === 0) return {};
  const map: Record<string, PortBinding[] | null> = {};
  for (const port of exposedPorts(container)) map[port] = null;
  for (const bound of container.ports ?? []) (map[bound.port] ??= []).push({ HostIp: bound.hostIp, HostPort: String(bound.hostPort) });
  return map;
}
