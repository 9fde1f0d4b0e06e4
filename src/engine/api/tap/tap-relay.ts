import type { FromEngine } from "../../../shared/worker-protocol";
import type { ApiTap, TappedExchange } from "./api-tap";

/**
 * The tap in the worker: each exchange's summary goes to the page when its request comes, when
 * its head goes out and when it ends (never per chunk, so `logs -f` and `/events` cost three
 * messages); its bytes only when the page asks for one exchange. The latest `keep` are kept.
 */
export class TapRelay implements ApiTap {
  private readonly kept = new Map<number, TappedExchange>();

  constructor(
    private readonly post: (message: FromEngine) => void,
    private readonly keep = 200,
  ) {}

  onExchange(exchange: TappedExchange): void {
    const summary = exchange.summary();
    if (!this.kept.has(summary.id)) {
      this.kept.set(summary.id, exchange);
      if (this.kept.size > this.keep) this.kept.delete(this.kept.keys().next().value!);
    }
    this.post({ type: "api-exchange", exchange: summary });
  }

  /** One exchange's bytes so far; undefined once it has aged out. */
  sendRaw(id: number): void {
    this.post({ type: "api-exchange-raw", id, raw: this.kept.get(id)?.raw() });
  }
}
