import type { ContainerSummary, Port } from "../../shared/engine-api/containers";

/** A container's port published on the Docker host, as the Ports panel lists it. */
export interface PublishedPort {
  container: string;
  hostPort: number;
  /** Docker's PORTS column's words: 0.0.0.0:8080->80/tcp. */
  label: string;
}

/** One port as `docker ps` words it (`arrow` is "->"; the Desktop tab draws "→"). */
export function portLabel(port: Port, arrow = "->"): string {
  return port.PublicPort ? `${port.IP ?? "0.0.0.0"}:${port.PublicPort}${arrow}${port.PrivatePort}/${port.Type}` : `${port.PrivatePort}/${port.Type}`;
}

/** The running containers' published TCP ports, by host port: each is one the preview can open. */
export function publishedPorts(containers: ContainerSummary[]): PublishedPort[] {
  return containers
    .filter((c) => c.State === "running")
    .flatMap((c) =>
      (c.Ports ?? [])
        .filter((p) => p.PublicPort && p.Type === "tcp")
        .map((p) => ({ container: (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, ""), hostPort: p.PublicPort!, label: portLabel(p) })),
    )
    .sort((a, b) => a.hostPort - b.hostPort || a.label.localeCompare(b.label));
}
