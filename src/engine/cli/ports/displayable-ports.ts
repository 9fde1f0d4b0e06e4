import type { Port } from "../../../shared/engine-api/containers";

function comparePorts(a: Port, b: Port): number {
  if (a.PrivatePort !== b.PrivatePort) return a.PrivatePort - b.PrivatePort;
  if ((a.IP ?? "") !== (b.IP ?? "")) return (a.IP ?? "") < (b.IP ?? "") ? -1 : 1;
  if ((a.PublicPort ?? 0) !== (b.PublicPort ?? 0)) return (a.PublicPort ?? 0) - (b.PublicPort ?? 0);
  return a.Type < b.Type ? -1 : a.Type > b.Type ? 1 : 0;
}

function joinHostPort(ip: string, port: number): string {
  return ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`;
}

function formGroup(key: string, first: number, last: number): string {
  const parts = key.split("/");
  const ip = parts.length > 1 ? parts[0]! : "";
  const type = parts.length > 1 ? parts[1]! : parts[0]!;
  let group = String(first);
  if (first !== last) group = `${group}-${last}`;
  if (ip !== "") group = `${ip}:${group}->${group}`;
  return `${group}/${type}`;
}

/**
 * The PORTS column of `docker ps`, as docker/cli's formatter.DisplayablePorts draws it: runs of
 * consecutive ports collapsed (`80-81/tcp`, `0.0.0.0:80-81->80-81/tcp`), mappings to another host
 * port one by one after them (`0.0.0.0:8080->80/tcp`).
 */
export function displayablePorts(ports: readonly Port[]): string {
  const groups = new Map<string, { first: number; last: number }>();
  const result: string[] = [];
  const hostMappings: string[] = [];
  for (const port of [...ports].sort(comparePorts)) {
    const current = port.PrivatePort;
    let key = port.Type;
    if (port.IP) {
      if (port.PublicPort !== current) {
        hostMappings.push(`${joinHostPort(port.IP, port.PublicPort ?? 0)}->${port.PrivatePort}/${port.Type}`);
        continue;
      }
      key = `${port.IP}/${port.Type}`;
    }
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { first: current, last: current });
      continue;
    }
    if (current === group.last + 1) {
      group.last = current;
      continue;
    }
    result.push(formGroup(key, group.first, group.last));
    // Go deletes and re-adds the key in its map; its place in the key order stays the first one.
    groups.set(key, { first: current, last: current });
  }
  for (const [key, group] of groups) result.push(formGroup(key, group.first, group.last));
  return [...result, ...hostMappings].join(", ");
}
