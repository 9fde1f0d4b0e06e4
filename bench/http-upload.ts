// The HTTP server under a large upload, in this Node process on a UNIX socket: one connection
// sends a 64 MiB body (by Content-Length, then chunked in 64 KiB chunks) while a second sends
// GET /_ping every 10 ms. A small handler answers _ping and counts the upload's bytes as it
// reads them (the body is a stream): the engine has no upload route yet, and this measures the
// server's reading, not a route's work.
// Prints one JSON line: per encoding, the upload's time and the _ping latencies meanwhile.
import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveConnection, type Handler } from "../src/engine/api/http/server";
import { socketStream } from "../src/node/socket-stream";

const BODY_BYTES = 64 * 1024 * 1024;
const PIECE = 64 * 1024;
const PING_EVERY_MS = 10;
// The reader this replaces took minutes on a 64 MiB body: past this, the figure is "too slow".
const GIVE_UP_MS = 300_000;

const handle: Handler = async (request) => {
  if (request.path === "/_ping") return { status: 200, body: "OK" };
  let received = 0;
  for await (const bytes of request.body) received += bytes.length;
  return { status: 200, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ received }) };
};

const dir = mkdtempSync(join(tmpdir(), "drydock-bench-http-"));
const path = join(dir, "http.sock");
const server = createServer({ allowHalfOpen: true }, (socket) => void serveConnection(socketStream(socket), handle));
await new Promise<void>((resolve) => server.listen(path, resolve));

const open = () => new Promise<Socket>((resolve) => { const socket = connect(path, () => resolve(socket)); });

/** Resolves with the whole response once `complete` says the text so far is one. */
function response(socket: Socket, complete: (text: string) => boolean): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    const onData = (chunk: Buffer) => {
      text += chunk.toString("latin1");
      if (!complete(text)) return;
      socket.off("data", onData);
      resolve(text);
    };
    socket.on("data", onData);
  });
}

/** Pings on their own connection until stopped; each latency is from the request's write to its answer. */
async function pinger(): Promise<{ stop: () => Promise<{ sentAt: number; ms: number }[]> }> {
  const socket = await open();
  const latencies: { sentAt: number; ms: number }[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const answered = response(socket, (text) => text.endsWith("\r\n\r\nOK"));
      const t0 = performance.now();
      socket.write("GET /_ping HTTP/1.1\r\nHost: bench\r\n\r\n");
      await answered;
      latencies.push({ sentAt: t0, ms: performance.now() - t0 });
      await new Promise((resolve) => setTimeout(resolve, PING_EVERY_MS));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      socket.destroy();
      return latencies;
    },
  };
}

/** Writes the pieces as the socket takes them (waiting for drain), as a client with a file would. */
async function writeAll(socket: Socket, pieces: Iterable<Uint8Array>): Promise<void> {
  for (const piece of pieces) if (!socket.write(piece)) await new Promise((resolve) => socket.once("drain", resolve));
}

function* lengthBody(data: Uint8Array): Iterable<Uint8Array> {
  yield Buffer.from(`POST /upload HTTP/1.1\r\nHost: bench\r\nContent-Type: application/octet-stream\r\nContent-Length: ${data.length}\r\n\r\n`);
  for (let at = 0; at < data.length; at += PIECE) yield data.subarray(at, at + PIECE);
}

function* chunkedBody(data: Uint8Array): Iterable<Uint8Array> {
  yield Buffer.from("POST /upload HTTP/1.1\r\nHost: bench\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
  for (let at = 0; at < data.length; at += PIECE) {
    const chunk = data.subarray(at, at + PIECE);
    yield Buffer.from(`${chunk.length.toString(16)}\r\n`);
    yield chunk;
    yield Buffer.from("\r\n");
  }
  yield Buffer.from("0\r\n\r\n");
}

async function upload(pieces: Iterable<Uint8Array>): Promise<Record<string, number>> {
  const pings = await pinger();
  await new Promise((resolve) => setTimeout(resolve, 100)); // warm-up pings, not counted
  const socket = await open();
  const t0 = performance.now();
  const answered = response(socket, (text) => text.includes(`"received":`) && text.endsWith("}"));
  const timeout = new Promise<string>((resolve) => setTimeout(() => resolve("timeout"), GIVE_UP_MS).unref());
  void writeAll(socket, pieces).catch(() => undefined);
  const reply = await Promise.race([answered, timeout]);
  const uploadMs = performance.now() - t0;
  const latencies = (await pings.stop()).filter((ping) => ping.sentAt >= t0 && ping.sentAt < t0 + uploadMs).map((ping) => ping.ms);
  socket.destroy();
  if (reply !== "timeout" && !reply.includes(`"received":${BODY_BYTES}`)) throw new Error(`unexpected reply: ${reply.slice(0, 200)}`);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    uploadMs: reply === "timeout" ? Infinity : uploadMs,
    uploadMBps: reply === "timeout" ? 0 : BODY_BYTES / 1e6 / (uploadMs / 1000),
    pingMedianMs: sorted[Math.floor(sorted.length / 2)] ?? NaN,
    pingMaxMs: sorted[sorted.length - 1] ?? NaN,
    pings: sorted.length,
  };
}

const data = new Uint8Array(BODY_BYTES).fill(0x61);
const length = await upload(lengthBody(data));
const chunked = await upload(chunkedBody(data));
server.close();
rmSync(dir, { recursive: true, force: true });
// Peak resident memory of this process, the 64 MiB test body included.
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ ...prefixed("length", length), ...prefixed("chunked", chunked), peakRssMiB }));
process.exit(0);

function prefixed(prefix: string, values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [prefix + key[0]!.toUpperCase() + key.slice(1), value]));
}
