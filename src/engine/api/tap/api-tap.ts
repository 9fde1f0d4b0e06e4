import { concatBytes } from "../../../shared/bytes";
import type { ExchangeClient, ExchangeRaw, ExchangeServer, ExchangeSummary } from "../../../shared/api-exchange";

/** How much of each side of an exchange is kept: enough to read, not a layer's worth. */
export const RAW_CAP = 64 * 1024;

/**
 * Watches the Engine API (and the daemon's calls to its registry). Told three times per
 * exchange, with the same record each time: its request came, its response's head went out,
 * it ended.
 */
export interface ApiTap {
  onExchange(exchange: TappedExchange): void;
  /** Bytes of a response as they go out, after its exchange's first onExchange. */
  onResponseBytes?(id: number, bytes: Uint8Array): void;
}

export interface TappedExchange {
  summary(): ExchangeSummary;
  raw(): ExchangeRaw;
}

let nextId = 1;

/** One exchange being recorded: its summary, and its bytes up to the cap. */
export class ExchangeRecord implements TappedExchange {
  readonly id = nextId++;
  private readonly startedAt = Date.now();
  private readonly started = performance.now();
  private status: number | undefined;
  private durationMs: number | undefined;
  private readonly request = new CappedBytes();
  private readonly response = new CappedBytes();

  constructor(
    private readonly tap: ApiTap,
    private readonly client: ExchangeClient,
    private readonly server: ExchangeServer,
    readonly method: string,
    private readonly path: string,
  ) {}

  get ended(): boolean {
    return this.durationMs !== undefined;
  }

  /** The request is whole (its body may follow as bytes): the tap hears of it. */
  begin(): void {
    this.tap.onExchange(this);
  }

  requestBytes(bytes: Uint8Array): void {
    this.request.push(bytes);
  }

  responseBytes(bytes: Uint8Array): void {
    this.response.push(bytes);
    this.tap.onResponseBytes?.(this.id, bytes);
  }

  responded(status: number): void {
    this.status = status;
    this.tap.onExchange(this);
  }

  end(): void {
    if (this.ended) return;
    this.durationMs = performance.now() - this.started;
    this.tap.onExchange(this);
  }

  summary(): ExchangeSummary {
    const state = this.ended ? "done" : this.status === undefined ? "waiting" : "streaming";
    return { id: this.id, client: this.client, server: this.server, method: this.method, path: this.path, status: this.status, startedAt: this.startedAt, durationMs: this.durationMs, state };
  }

  raw(): ExchangeRaw {
    return { request: this.request.bytes(), requestBytes: this.request.total, response: this.response.bytes(), responseBytes: this.response.total };
  }
}

/** The first RAW_CAP bytes of a stream, and a count of all of them. */
class CappedBytes {
  private readonly parts: Uint8Array[] = [];
  private kept = 0;
  total = 0;

  push(bytes: Uint8Array): void {
    this.total += bytes.length;
    const room = RAW_CAP - this.kept;
    if (room <= 0 || bytes.length === 0) return;
    const part = bytes.length > room ? bytes.slice(0, room) : bytes.slice();
    this.parts.push(part);
    this.kept += part.length;
  }

  bytes(): Uint8Array {
    return concatBytes(this.parts);
  }
}
