import { describe, expect, it } from "vitest";
import type { ExchangeSummary } from "../../shared/api-exchange";
import { RequestLog } from "./request-log";

const exchange = (id: number, status?: number): ExchangeSummary => ({ id, client: "docker CLI", server: "daemon", method: "GET", path: `/${id}`, status, startedAt: 0, state: status === undefined ? "waiting" : "done" });

describe("RequestLog", () => {
  it("counts only what came after a mark, each exchange once with its latest summary, the newest few", () => {
    const log = new RequestLog(3);
    log.record(exchange(1, 200));
    const mark = log.mark();
    log.record(exchange(2));
    log.record(exchange(3, 200));
    log.record(exchange(2, 404));
    expect(log.since(mark).map((e) => [e.id, e.status])).toEqual([
      [2, 404],
      [3, 200],
    ]);
    log.record(exchange(4, 200));
    log.record(exchange(5, 200));
    expect(log.since(0).map((e) => e.id)).toEqual([3, 4, 5]);
    expect(log.mark()).toBe(5);
  });
});
