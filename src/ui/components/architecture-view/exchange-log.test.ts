import { describe, expect, it } from "vitest";
import type { ExchangeSummary } from "../../../shared/api-exchange";
import { arrowOf, durationText, ExchangeLog, rawText } from "./exchange-log";

const summary = (id: number, more: Partial<ExchangeSummary> = {}): ExchangeSummary => ({ id, client: "docker CLI", server: "daemon", method: "GET", path: "/_ping", startedAt: 0, state: "waiting", ...more });

describe("the architecture view's log of exchanges", () => {
  it("updates an exchange in place, keeps the latest, and says which are new", () => {
    const log = new ExchangeLog(2);
    expect(log.update(summary(1))).toBe(true);
    expect(log.update(summary(2))).toBe(true);
    expect(log.update(summary(1, { status: 200, state: "done", durationMs: 3 }))).toBe(false);
    expect(log.entries.map((e) => [e.id, e.status])).toEqual([
      [1, 200],
      [2, undefined],
    ]);
    log.update(summary(3));
    expect(log.entries.map((e) => e.id)).toEqual([2, 3]);
  });

  it("does not bring back an exchange cleared or aged out when its stream ends later", () => {
    const log = new ExchangeLog(2);
    log.update(summary(1, { state: "streaming" }));
    log.update(summary(2));
    log.update(summary(3));
    expect(log.update(summary(1, { state: "done", durationMs: 9000 }))).toBe(false);
    log.clear();
    expect(log.update(summary(3, { state: "done", durationMs: 5 }))).toBe(false);
    expect(log.entries).toEqual([]);
    expect(log.update(summary(4))).toBe(true);
  });

  it("reads the steps of a build's response as it streams, and of no other exchange", () => {
    const log = new ExchangeLog(2);
    log.update(summary(1, { method: "POST", path: "/v1.47/build?t=app&version=1" }));
    log.update(summary(2, { method: "POST", path: "/images/create?fromImage=busybox" }));
    const head = new TextEncoder().encode("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    const line = new TextEncoder().encode('{"id":"drydock.build","aux":{"vertexes":[{"digest":1,"name":"[internal] load build context","started":0}]}}\r\n');
    const chunk = [...new TextEncoder().encode(`${line.length.toString(16)}\r\n`), ...line, 13, 10];
    expect(log.responseBytes(1, head)).toBe(false);
    expect(log.stepsOf(1)).toEqual([]);
    expect(log.responseBytes(1, new Uint8Array(chunk))).toBe(true);
    expect(log.stepsOf(1)?.map((s) => [s.name, s.result])).toEqual([["[internal] load build context", "running"]]);
    expect(log.responseBytes(2, new Uint8Array(chunk))).toBe(false);
    expect(log.stepsOf(2)).toBeUndefined();
    log.update(summary(3, { method: "POST", path: "/build" }));
    expect(log.stepsOf(1)).toBeUndefined();
    expect(log.stepsOf(3)).toEqual([]);
    log.update(summary(4, { method: "POST", path: "/v1.47/build/prune?all=1" }));
    expect(log.stepsOf(4)).toBeUndefined();
    log.clear();
    expect(log.stepsOf(3)).toBeUndefined();
  });

  it("lights the arrow of the connection's origin, or the registry's", () => {
    expect(arrowOf({ client: "tcp 2375", server: "daemon" })).toBe("guest");
    expect(arrowOf({ client: "this page", server: "daemon" })).toBe("page");
    expect(arrowOf({ client: "daemon", server: "registry" })).toBe("registry");
  });

  it("says how long, or how an exchange stands", () => {
    expect(durationText(summary(1, { state: "streaming", status: 200 }))).toBe("streaming…");
    expect(durationText(summary(1, { durationMs: 0.2 }))).toBe("1 ms");
    expect(durationText(summary(1, { durationMs: 1450 }))).toBe("1.4 s");
  });

  it("shows raw bytes with control bytes escaped and a note when cut", () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("HTTP/1.1 200 OK\r\n\r\n"), 1, 0, 0, 0, 0, 0, 0, 3, 104, 105, 10]);
    expect(rawText(bytes, bytes.length)).toBe("HTTP/1.1 200 OK\n\n\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x03hi\n");
    expect(rawText(new TextEncoder().encode("ab"), 70_002)).toBe("ab\n… 70,000 more bytes not shown (the first 2 are kept)");
  });
});
