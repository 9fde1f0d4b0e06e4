/**
 * Where an Engine API connection came from, as the architecture view names it; "daemon" is the
 * daemon itself calling the registry, "lesson check" a `docker` command a lesson's check ran on
 * the Docker host (not the learner's).
 */
export type ExchangeClient = "docker CLI" | "guest socket" | "tcp 2375" | "this page" | "Node socket" | "lesson check" | "daemon";

/** A request the learner made: not the page's own (its views, a lesson's checks), nor the daemon's. */
export function learnersRequest(exchange: Pick<ExchangeSummary, "client" | "server">): boolean {
  return exchange.server === "daemon" && exchange.client !== "this page" && exchange.client !== "lesson check";
}

/**
 * A `docker build` (POST /build, with or without the API version): its response streams to the
 * page as it goes, for the architecture view to list the build's steps as they come.
 */
export function isBuild(exchange: Pick<ExchangeSummary, "server" | "method" | "path">): boolean {
  return exchange.server === "daemon" && exchange.method === "POST" && /^(\/v[\d.]+)?\/build(\?|$)/.test(exchange.path);
}

/**
 * Who answered: the daemon's API, the registry the daemon pulls from, or a container's server
 * through its published port (the page's preview).
 */
export type ExchangeServer = "daemon" | "registry" | "container";

/** One HTTP request and its response, as far as they have gone. */
export interface ExchangeSummary {
  id: number;
  client: ExchangeClient;
  server: ExchangeServer;
  method: string;
  /** The target as sent: the path and its query. */
  path: string;
  /** Known once the response's head is out. */
  status?: number;
  /** Epoch milliseconds, when the request's head came. */
  startedAt: number;
  /** Known once the response has ended (a follow stream or an attach may run for minutes). */
  durationMs?: number;
  state: "waiting" | "streaming" | "done";
}

/** The bytes as they crossed the connection, each side cut at a cap; the totals say how much there was. */
export interface ExchangeRaw {
  request: Uint8Array;
  requestBytes: number;
  response: Uint8Array;
  responseBytes: number;
}
