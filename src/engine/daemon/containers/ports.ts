import type { ImageRecord } from "../../image/image-store";
import type { PortBinding } from "../../../shared/engine-api/containers";
import { DrydockError, errorMessage } from "../../../shared/errors";
import type { Disposable } from "../../../shared/disposable";
import type { Container } from "../../container/container";
import type { PortPublisher } from "../../network/port-publisher";
import type { Runtime } from "../../runtime/runtime";
import { exposedPorts } from "../../container/ports";

/** Docker's ephemeral range for `-p 80` (a host port of 0): /proc/sys/net/ipv4/ip_local_port_range's default. */
export const EPHEMERAL_FIRST = 32768;
export const EPHEMERAL_LAST = 60999;

/** One host port bound for a container: its private port ("80/tcp"), where on the host. */
export interface BoundPort {
  port: string;
  hostIp: string;
  hostPort: number;
}

/** The image's EXPOSE, merged into a new container's Config.ExposedPorts as Docker's create does. */
export function withImagePorts(exposed: Record<string, object> | null | undefined, image: ImageRecord): Record<string, object> | undefined {
  const merged = { ...(image.config.config?.ExposedPorts ?? {}), ...(exposed ?? {}) };
  return Object.keys(merged).length ? merged : undefined;
}

const overlaps = (a: string, b: string) => a === b || a === "0.0.0.0" || b === "0.0.0.0";

/**
 * The daemon's host ports (libnetwork's port allocator and docker-proxy in one): each start on
 * a bridge network takes the ports its container publishes, every publisher listens on them,
 * and the exit gives them back.
 */
export class PortMapper {
  private readonly taken = new Map<string, { ip: string; port: number }>();
  private readonly held = new Map<string, Disposable[]>();
  private next = EPHEMERAL_FIRST;

  constructor(
    private readonly runtime: Runtime,
    private readonly publishers: readonly PortPublisher[],
    private readonly defaultIp = "0.0.0.0",
  ) {}

  private free(ip: string, port: number): boolean {
    return ![...this.taken.values()].some((t) => t.port === port && overlaps(t.ip, ip));
  }

  /** Binds what `container` publishes, to reach it at `address`; on a failure nothing stays bound. */
  async bind(container: Container, address: string, endpointId: string): Promise<BoundPort[]> {
    // A restart may start it again before its exit's clean-up came: what it held is its own to take again.
    this.release(container);
    const host = container.config.HostConfig ?? {};
    const wanted: { port: string; binding: PortBinding }[] = [];
    for (const [port, bindings] of Object.entries(host.PortBindings ?? {})) for (const binding of bindings ?? [{}]) wanted.push({ port, binding });
    if (host.PublishAllPorts) for (const port of exposedPorts(container)) if (!host.PortBindings?.[port]) wanted.push({ port, binding: {} });
    const bound: BoundPort[] = [];
    const disposables: Disposable[] = [];
    const keys: string[] = [];
    const fail = (message: string) => new DrydockError("Internal", `driver failed programming external connectivity on endpoint ${container.name.slice(1)} (${endpointId}): ${message}`);
    try {
      for (const { port, binding } of wanted) {
        const ip = binding.HostIp || this.defaultIp;
        const target = parseInt(port);
        const ephemeral = !binding.HostPort || binding.HostPort === "0";
        // A free port of the range may be held by another program on the host: take the next one, as Docker retries.
        for (let attempt = 0; ; attempt++) {
          const hostPort = this.allocate(ip, binding.HostPort ?? "", fail);
          const key = `${container.id}:${keys.length}`;
          this.taken.set(key, { ip, port: hostPort });
          keys.push(key);
          const mine: Disposable[] = [];
          try {
            for (const publisher of this.publishers) mine.push(await publisher.publish(ip, hostPort, () => this.runtime.connect(address, target)));
            disposables.push(...mine);
            bound.push({ port, hostIp: ip, hostPort });
            break;
          } catch (error) {
            for (const d of mine) d.dispose();
            this.taken.delete(keys.pop()!);
            if (!ephemeral || attempt >= 10) throw fail(errorMessage(error));
          }
        }
      }
    } catch (error) {
      for (const d of disposables) d.dispose();
      for (const key of keys) this.taken.delete(key);
      throw error;
    }
    this.held.set(container.id, disposables);
    return bound;
  }

  /** The container's ports are free again: its listeners closed. */
  release(container: Container): void {
    for (const d of this.held.get(container.id) ?? []) d.dispose();
    this.held.delete(container.id);
    for (const key of [...this.taken.keys()]) if (key.startsWith(`${container.id}:`)) this.taken.delete(key);
  }

  /** "8080", "" (any free ephemeral port) or "8000-8010" (the first free one in it). */
  private allocate(ip: string, spec: string, fail: (message: string) => DrydockError): number {
    if (spec === "" || spec === "0") {
      for (let i = 0; i <= EPHEMERAL_LAST - EPHEMERAL_FIRST; i++) {
        const port = this.next;
        this.next = port === EPHEMERAL_LAST ? EPHEMERAL_FIRST : port + 1;
        if (this.free(ip, port)) return port;
      }
      throw fail("Bind for " + ip + " failed: no free ports");
    }
    const [first, last = first] = spec.split("-").map(Number) as [number, number?];
    for (let port = first; port <= last; port++) if (this.free(ip, port)) return port;
    throw fail(`Bind for ${ip}:${spec} failed: port is already allocated`);
  }
}
