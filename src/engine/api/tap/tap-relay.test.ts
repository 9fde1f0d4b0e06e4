import { describe, expect, it } from "vitest";
import type { FromEngine } from "../../../shared/worker-protocol";
import { ExchangeRecord } from "./api-tap";
import { TapRelay } from "./tap-relay";

describe("the tap's relay to the page", () => {
  it("posts summaries only, and one exchange's bytes when asked, keeping the latest few", () => {
    const posted: FromEngine[] = [];
    const relay = new TapRelay((message) => posted.push(message), 2);
    const records = ["/a", "/b", "/c"].map((path) => new ExchangeRecord(relay, "this page", "daemon", "GET", path));
    for (const record of records) {
      record.begin();
      record.requestBytes(new TextEncoder().encode(`GET ${record.summary().path} HTTP/1.1\r\n\r\n`));
      record.responded(200);
      record.end();
    }
    expect(posted.map((m) => m.type)).toEqual(Array(9).fill("api-exchange"));
    relay.sendRaw(records[2]!.id);
    relay.sendRaw(records[0]!.id);
    const [latest, aged] = posted.slice(9) as Extract<FromEngine, { type: "api-exchange-raw" }>[];
    expect(new TextDecoder().decode(latest!.raw!.request)).toBe("GET /c HTTP/1.1\r\n\r\n");
    expect(aged).toEqual({ type: "api-exchange-raw", id: records[0]!.id, raw: undefined });
  });

  it("posts a build's response bytes as they go out, and no other exchange's", () => {
    const posted: FromEngine[] = [];
    const relay = new TapRelay((message) => posted.push(message));
    const bytes = (text: string) => new TextEncoder().encode(text);
    const build = new ExchangeRecord(relay, "docker CLI", "daemon", "POST", "/v1.47/build?t=app");
    const logs = new ExchangeRecord(relay, "docker CLI", "daemon", "GET", "/v1.47/containers/x/logs?follow=1");
    for (const record of [build, logs]) {
      record.begin();
      record.responded(200);
      record.responseBytes(bytes("HTTP/1.1 200 OK\r\n\r\n"));
    }
    const line = bytes('{"stream":"Step 1/1 : FROM busybox\\n"}\r\n');
    build.responseBytes(line.subarray(0, 10));
    logs.responseBytes(bytes("hi"));
    build.end();
    build.responseBytes(bytes("late"));
    const streamed = posted.filter((m) => m.type === "api-exchange-response");
    expect(streamed.map((m) => [m.id, new TextDecoder().decode(m.data)])).toEqual([
      [build.id, "HTTP/1.1 200 OK\r\n\r\n"],
      [build.id, '{"stream":'],
    ]);
    expect(streamed[1]!.data.buffer.byteLength).toBe(10);
  });
});
