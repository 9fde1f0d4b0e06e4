import { isBuild, type ExchangeClient, type ExchangeSummary } from "../../../shared/api-exchange";
import { BuildSteps, type BuildStep } from "./build-steps";

/**
 * The diagram's arrows: each client's to the daemon, and the daemon's to the registry. A request
 * to a container through its published port lights its client's: it enters the Docker host there.
 */
export type Arrow = "cli" | "guest" | "page" | "node" | "registry";

export function arrowOf(exchange: Pick<ExchangeSummary, "client" | "server">): Arrow {
  if (exchange.server === "registry") return "registry";
  const arrows: Record<ExchangeClient, Arrow> = { "docker CLI": "cli", "guest socket": "guest", "tcp 2375": "guest", "this page": "page", "lesson check": "page", "Node socket": "node", daemon: "registry" };
  return arrows[exchange.client];
}

/**
 * The latest exchanges, oldest first; an update replaces its exchange where it stands. A build's
 * steps are read from its response as it streams, so they are there when its row opens.
 */
export class ExchangeLog {
  private readonly byId = new Map<number, ExchangeSummary>();
  private readonly builds = new Map<number, BuildSteps>();
  /** Ids up to this one were cleared or aged out (the tap numbers exchanges in order): a late update of one stays out. */
  private forgotten = 0;

  constructor(private readonly keep = 200) {}

  /** Whether the exchange is new (its arrow should light). */
  update(exchange: ExchangeSummary): boolean {
    const known = this.byId.has(exchange.id);
    if (!known && exchange.id <= this.forgotten) return false;
    this.byId.set(exchange.id, exchange);
    if (!known && isBuild(exchange)) this.builds.set(exchange.id, new BuildSteps());
    if (!known && this.byId.size > this.keep) {
      const oldest = this.byId.keys().next().value!;
      this.byId.delete(oldest);
      this.builds.delete(oldest);
      this.forgotten = Math.max(this.forgotten, oldest);
    }
    return !known;
  }

  /** Bytes of a build's response: whether its steps changed. */
  responseBytes(id: number, bytes: Uint8Array): boolean {
    return this.builds.get(id)?.push(bytes) ?? false;
  }

  /** A build's steps so far; undefined for an exchange that is no build. */
  stepsOf(id: number): BuildStep[] | undefined {
    return this.builds.get(id)?.steps;
  }

  get entries(): ExchangeSummary[] {
    return [...this.byId.values()];
  }

  clear(): void {
    for (const id of this.byId.keys()) this.forgotten = Math.max(this.forgotten, id);
    this.byId.clear();
    this.builds.clear();
  }
}

/** "12 ms", "1.4 s"; an exchange still going shows how it stands. */
export function durationText(exchange: ExchangeSummary): string {
  if (exchange.durationMs === undefined) return exchange.state === "streaming" ? "streaming…" : "waiting…";
  return exchange.durationMs < 1000 ? `${Math.max(1, Math.round(exchange.durationMs))} ms` : `${(exchange.durationMs / 1000).toFixed(1)} s`;
}

const decoder = new TextDecoder();

/**
 * Bytes as readable text: UTF-8, CRLF shown as a line end, other control bytes as \xNN so a
 * multiplexed stream's frame headers or a layer's gzip show what they are; a note when cut.
 */
export function rawText(bytes: Uint8Array, total: number): string {
  const text = decoder
    .decode(bytes)
    .replace(/\r\n/g, "\n")
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
  const more = total - bytes.length;
  return more > 0 ? `${text}\n… ${more.toLocaleString("en")} more bytes not shown (the first ${bytes.length.toLocaleString("en")} are kept)` : text;
}
