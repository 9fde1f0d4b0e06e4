import { describe, expect, it } from "vitest";
import { bytePipe } from "../../../shared/byte-pipe";
import type { ByteStream } from "../../../shared/byte-stream";
import type { ExchangeSummary } from "../../../shared/api-exchange";
import { serveConnection, type Handler } from "../http/server";
import { RAW_CAP, type TappedExchange } from "./api-tap";
import { tapConnection } from "./tap-connection";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Every call the tap gets, as the summary was then, and the last record of each exchange. */
function recorder() {
  const calls: ExchangeSummary[] = [];
  const records = new Map<number, TappedExchange>();
  return {
    calls,
    records,
    tap: {
      onExchange(exchange: TappedExchange) {
        calls.push(exchange.summary());
        records.set(exchange.summary().id, exchange);
      },
    },
    last: () => [...records.values()].map((r) => r.summary()),
  };
}

function serve(handle: Handler, tap: ReturnType<typeof recorder>["tap"]): ByteStream {
  const [client, server] = bytePipe();
  serveConnection(tapConnection(server, "docker CLI", tap), handle);
  return client;
}

/** What the client receives until `done` says it has enough. */
function receive(client: ByteStream, done: (text: string) => boolean): Promise<string> {
  let text = "";
  return new Promise((resolve) => {
    client.onData((bytes) => {
      text += decoder.decode(bytes);
      if (done(text)) resolve(text);
    });
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe("the API tap on a connection", () => {
  it("goes on recording after an upgrade the daemon refused (attach to a missing container)", async () => {
    const rec = recorder();
    const client = serve(async (request) => (request.path.includes("attach") ? { status: 404, headers: { "Content-Type": "application/json" }, body: '{"message":"No such container: x"}' } : { status: 200, body: "OK" }), rec.tap);
    const received = receive(client, (text) => text.endsWith("OK"));
    await client.write(encoder.encode("POST /v1.47/containers/x/attach?stream=1 HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"));
    await settle();
    await client.write(encoder.encode("GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n"));
    await received;
    await settle();
    expect(rec.last()).toMatchObject([
      { method: "POST", path: "/v1.47/containers/x/attach?stream=1", status: 404, state: "done" },
      { method: "GET", path: "/_ping", status: 200, state: "done" },
    ]);
  });

  it("records each exchange of a kept-alive connection, with its raw request and response", async () => {
    const rec = recorder();
    const client = serve(async (request) => ({ status: request.method === "POST" ? 201 : 200, headers: { "Content-Type": "application/json" }, body: `{"path":"${request.path}"}` }), rec.tap);
    const received = receive(client, (text) => text.split("HTTP/1.1").length > 2 && text.endsWith("}"));
    await client.write(encoder.encode("GET /v1.47/containers/json?all=1 HTTP/1.1\r\nHost: x\r\n\r\n"));
    // The second request arrives split mid-head and mid-body.
    await client.write(encoder.encode("POST /v1.47/containers/create HTTP/1.1\r\nContent-Le"));
    await client.write(encoder.encode('ngth: 10\r\n\r\n{"Image"'));
    await client.write(encoder.encode(":}"));
    await received;
    await settle();
    expect(rec.last()).toMatchObject([
      { client: "docker CLI", server: "daemon", method: "GET", path: "/v1.47/containers/json?all=1", status: 200, state: "done" },
      { method: "POST", path: "/v1.47/containers/create", status: 201, state: "done" },
    ]);
    const raw = [...rec.records.values()][1]!.raw();
    expect(decoder.decode(raw.request)).toBe('POST /v1.47/containers/create HTTP/1.1\r\nContent-Length: 10\r\n\r\n{"Image":}');
    expect(decoder.decode(raw.response)).toMatch(/^HTTP\/1\.1 201 Created\r\n[\s\S]*\r\n\r\n\{"path":"\/v1\.47\/containers\/create"\}$/);
    for (const { id } of rec.last()) expect(rec.calls.filter((c) => c.id === id).map((c) => c.state)).toEqual(["waiting", "streaming", "done"]);
  });

  it("knows a stream's status at its head and its duration only at its end", async () => {
    const rec = recorder();
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const client = serve(
      async () => ({
        status: 200,
        headers: { "Content-Type": "application/json" },
        stream: (async function* () {
          yield '{"status":"create"}\n';
          await finished;
          yield '{"status":"start"}\n';
        })(),
      }),
      rec.tap,
    );
    const first = receive(client, (text) => text.includes("create"));
    await client.write(encoder.encode("GET /events HTTP/1.1\r\n\r\n"));
    await first;
    await settle();
    expect(rec.last()).toMatchObject([{ path: "/events", status: 200, state: "streaming", durationMs: undefined }]);
    const all = receive(client, (text) => text.endsWith("0\r\n\r\n"));
    finish();
    await all;
    await settle();
    const [summary] = rec.last();
    expect(summary).toMatchObject({ state: "done" });
    expect(summary!.durationMs).toBeGreaterThan(0);
    expect(decoder.decode([...rec.records.values()][0]!.raw().response)).toMatch(/Transfer-Encoding: chunked\r\n\r\n14\r\n\{"status":"create"\}\n\r\n13\r\n\{"status":"start"\}\n\r\n0\r\n\r\n$/);
  });

  it("follows a hijacked stream both ways until the connection ends", async () => {
    const rec = recorder();
    const client = serve(
      async () => ({
        headers: { "Content-Type": "application/vnd.docker.raw-stream" },
        hijack: async (connection, early) => {
          let input = decoder.decode(early);
          await new Promise<void>((resolve) =>
            connection.onData((bytes) => {
              input += decoder.decode(bytes);
              if (input.includes("\n")) resolve();
            }),
          );
          await connection.write(encoder.encode(`echo: ${input}`));
          connection.end();
        },
      }),
      rec.tap,
    );
    const received = receive(client, (text) => text.includes("echo: hi\n"));
    await client.write(encoder.encode("POST /containers/x/attach?stream=1 HTTP/1.1\r\nUpgrade: tcp\r\nConnection: Upgrade\r\n\r\n"));
    await settle();
    expect(rec.last()).toMatchObject([{ status: 101, state: "streaming" }]);
    await client.write(encoder.encode("hi\n"));
    await received;
    await settle();
    expect(rec.last()).toMatchObject([{ method: "POST", status: 101, state: "done" }]);
    const raw = [...rec.records.values()][0]!.raw();
    expect(decoder.decode(raw.request)).toMatch(/\r\n\r\nhi\n$/);
    expect(decoder.decode(raw.response)).toMatch(/^HTTP\/1\.1 101 UPGRADED\r\n[\s\S]*\r\n\r\necho: hi\n$/);
  });

  it("records a request whose lines end in LF alone, which the server answers as Go's does", async () => {
    const rec = recorder();
    const client = serve(async () => ({ status: 200, body: "OK" }), rec.tap);
    const received = receive(client, (text) => text.endsWith("OK"));
    await client.write(encoder.encode("GET /_ping HTTP/1.1\nHost: docker\n\n"));
    await received;
    await settle();
    expect(rec.last()).toMatchObject([{ method: "GET", path: "/_ping", status: 200, state: "done" }]);
  });

  it("keeps the first 64 KB of a body and counts the rest", async () => {
    const rec = recorder();
    const big = new Uint8Array(RAW_CAP * 2).fill(65);
    const client = serve(async () => ({ status: 200, headers: { "Content-Type": "application/octet-stream" }, body: big }), rec.tap);
    let got = 0;
    const received = new Promise<void>((resolve) => client.onData((bytes) => {
      got += bytes.length;
      if (got > big.length) resolve();
    }));
    await client.write(encoder.encode("GET /big HTTP/1.1\r\n\r\n"));
    await received;
    await settle();
    const raw = [...rec.records.values()][0]!.raw();
    expect(raw.response.length).toBe(RAW_CAP);
    expect(raw.responseBytes).toBeGreaterThan(big.length);
    expect(rec.last()).toMatchObject([{ state: "done", status: 200 }]);
  });

  it("records a HEAD's answer as ended at its head, though it names a length", async () => {
    const rec = recorder();
    const client = serve(async () => ({ status: 200, headers: { "Api-Version": "1.47" }, body: "OK" }), rec.tap);
    const received = receive(client, (text) => text.endsWith("\r\n\r\n"));
    await client.write(encoder.encode("HEAD /_ping HTTP/1.1\r\n\r\n"));
    await received;
    await settle();
    expect(rec.last()).toMatchObject([{ method: "HEAD", path: "/_ping", status: 200, state: "done" }]);
  });

  it("records bytes that are not HTTP with the 400 they get", async () => {
    const rec = recorder();
    const client = serve(async () => ({ status: 200 }), rec.tap);
    const received = receive(client, (text) => text.includes("400"));
    await client.write(encoder.encode("nonsense\r\n\r\n"));
    await received;
    await settle();
    expect(rec.last()).toMatchObject([{ method: "?", path: "nonsense", status: 400, state: "done" }]);
  });
});
