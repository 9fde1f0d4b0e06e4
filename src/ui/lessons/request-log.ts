import type { ExchangeSummary } from "../../shared/api-exchange";

/**
 * The Engine API exchanges the lessons have heard of, the latest summary of each (the tap tells
 * of an exchange again when it is answered and when it ends), the newest `keep` of them. A mark
 * is the newest id heard so far: the engine numbers exchanges in the order their requests come,
 * and tells of each as it comes, so everything after a mark was asked for after it was taken.
 */
export class RequestLog {
  private readonly exchanges = new Map<number, ExchangeSummary>();
  private newest = 0;

  constructor(private readonly keep = 500) {}

  record(exchange: ExchangeSummary): void {
    this.exchanges.set(exchange.id, exchange);
    this.newest = Math.max(this.newest, exchange.id);
    if (this.exchanges.size > this.keep) this.exchanges.delete(this.exchanges.keys().next().value!);
  }

  mark(): number {
    return this.newest;
  }

  since(mark: number): ExchangeSummary[] {
    return [...this.exchanges.values()].filter((e) => e.id > mark);
  }
}
