import { isBuild } from "../../../shared/api-exchange";
import type { FromEngine } from "../../../shared/worker-protocol";
import type { ApiTap, TappedExchange } from "./api-tap";

/**
 * The tap in the worker: each exchange's summary goes to the page when its request comes, when
 * its head goes out and when it ends (never per chunk, so `logs -f` and `/events` cost three
 * messages); its bytes only when the page asks for one exchange. The latest `keep` are kept.
 * A build's response is the exception: its bytes go out as they come, whole (the raw copy stops
 * at RAW_CAP, a RUN's output can pass it), for the architecture view to list its steps live.
 */
export class TapRelay implements ApiTap {
  private readonly kept = new Map<number, TappedExchange>();
  /** Builds whose response is still going. */
  private readonly builds = new Set<number>();

  constructor(
    private readonly post: (message: FromEngine) => void,
    private readonly keep = 200,
  ) {}

  onExchange(exchange: TappedExchange): void {
    const summary = exchange.summary();
    if (!this.kept.has(summary.id)) {
      this.kept.set(summary.id, exchange);
      if (this.kept.size > this.keep) this.kept.delete(this.kept.keys().next().value!);
      if (isBuild(summary)) this.builds.add(summary.id);
    }
    if (summary.state === "done") this.builds.delete(summary.id);
    this.post({ type: "api-exchange", exchange: summary });
  }

  onResponseBytes(id: number, bytes: Uint8Array): void {
    // A copy: the bytes may be a view of a larger buffer, which posting would copy whole.
    if (this.builds.has(id) && bytes.length > 0) this.post({ type: "api-exchange-response", id, data: bytes.slice() });
  }

  /** One exchange's bytes so far; undefined once it has aged out. */
  sendRaw(id: number): void {
    this.post({ type: "api-exchange-raw", id, raw: this.kept.get(id)?.raw() });
  }
}
