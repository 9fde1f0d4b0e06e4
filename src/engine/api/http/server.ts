import type { Disposable } from "../../../shared/disposable";
import { errorKind, errorMessage } from "../../../shared/errors";
import type { ByteStream } from "../../../shared/byte-stream";
import { RequestRefused } from "./refusal";
import { RequestReader, type HttpRequest } from "./request";
import { STATUS_TEXT, type HttpResponse } from "./response";
import { statusOf } from "../http-status";

const encoder = new TextEncoder();

/** A request with what the handler may need of its connection. */
export interface ServerRequest extends HttpRequest {
  /** Aborted when the client goes away (a follow stream should stop). */
  signal: AbortSignal;
}

export type Handler = (request: ServerRequest) => Promise<HttpResponse>;

/**
 * Serves HTTP/1.1 on one connection: requests one after another (keep-alive), bodies whole,
 * chunked or hijacked. A request that cannot be read (malformed, or over a limit) is answered
 * as Docker answers it and the connection is closed; what the client sends after is dropped.
 */
export function serveConnection(connection: ByteStream, handle: Handler): Disposable {
  const reader = new RequestReader();
  const aborter = new AbortController();
  let busy = false;
  let hijacked = false;
  let ended = false;
  const subscriptions: Disposable[] = [];

  const next = async (): Promise<void> => {
    if (busy || hijacked) return;
    let request: HttpRequest | undefined;
    try {
      request = reader.take();
    } catch (error) {
      busy = true;
      await refuse(connection, error);
      connection.end();
      return;
    }
    if (!request) {
      if (ended) connection.end();
      return;
    }
    busy = true;
    const response = await handle({ ...request, signal: aborter.signal }).catch((error: unknown) => ({
      status: statusOf(errorKind(error)),
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ message: errorMessage(error) }) + "\n",
    }));
    const close = request.headers.get("connection")?.toLowerCase() === "close";
    if ("hijack" in response && reader.refusal) {
      // What the client sent ahead was too much and is gone: there is no stream left to hand on.
      await refuse(connection, reader.refusal);
      connection.end();
      return;
    }
    if ("hijack" in response) {
      hijacked = true;
      for (const s of subscriptions) s.dispose();
      const upgrade = request.headers.get("upgrade") !== undefined;
      const status = response.status ?? (upgrade ? 101 : 200);
      const headers = { ...(response.headers ?? {}), ...(upgrade ? { Connection: "Upgrade", Upgrade: request.headers.get("upgrade")! } : {}) };
      await connection.write(encoder.encode(head(status, headers)));
      await response.hijack(hijackedStream(connection, ended), reader.drain()).catch(() => undefined);
      return;
    }
    if ("stream" in response) {
      await connection.write(encoder.encode(head(response.status, { ...response.headers, "Transfer-Encoding": "chunked" })));
      try {
        for await (const chunk of response.stream) {
          const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
          if (bytes.length === 0 || aborter.signal.aborted) continue;
          await connection.write(encoder.encode(bytes.length.toString(16) + "\r\n"));
          await connection.write(bytes);
          await connection.write(encoder.encode("\r\n"));
        }
      } catch {
        // The stream failed half-way: the status is sent, so the client sees a cut body.
      }
      await connection.write(encoder.encode("0\r\n\r\n"));
    } else {
      await writeBody(connection, response.status, response.headers ?? {}, response.body, request.method === "HEAD");
    }
    busy = false;
    if (close) {
      connection.end();
      return;
    }
    await next();
  };

  // A write to a connection that is gone rejects (a guest socket whose agent restarted, a
  // client that hung up): the exchange is over, and nothing else may fail with it.
  const serve = () =>
    void next().catch(() => {
      aborter.abort();
      connection.end();
    });
  subscriptions.push(
    connection.onData((bytes) => {
      reader.push(bytes);
      serve();
    }),
    connection.onEnd(() => {
      ended = true;
      reader.end();
      aborter.abort();
      serve();
    }),
  );
  return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
}

/** A request refused before any handler: Go's own plain-text answer, or the daemon's JSON one. */
async function refuse(connection: ByteStream, error: unknown): Promise<void> {
  if (error instanceof RequestRefused && error.plain) {
    const { reason, body } = error.plain;
    await connection.write(encoder.encode(`HTTP/1.1 ${error.status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n${body}`));
    return;
  }
  const status = error instanceof RequestRefused ? error.status : statusOf(errorKind(error));
  await writeBody(connection, status, { "Content-Type": "application/json", Connection: "close" }, JSON.stringify({ message: errorMessage(error) }) + "\n");
}

function head(status: number, headers: Record<string, string>): string {
  const lines = [`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Unknown"}`, `Date: ${new Date().toUTCString()}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return lines.join("\r\n") + "\r\n\r\n";
}

async function writeBody(connection: ByteStream, status: number, headers: Record<string, string>, body: Uint8Array | string | undefined, headOnly = false): Promise<void> {
  const bytes = typeof body === "string" ? encoder.encode(body) : (body ?? new Uint8Array(0));
  const withLength = status === 204 || status === 304 ? headers : { ...headers, "Content-Length": String(bytes.length) };
  await connection.write(encoder.encode(head(status, withLength)));
  // A HEAD response says how long the body would be, and sends none.
  if (bytes.length > 0 && !headOnly) await connection.write(bytes);
}

/** The connection after the head: the same bytes; its end reported even if it came already. */
function hijackedStream(connection: ByteStream, alreadyEnded: boolean): ByteStream {
  return {
    onData: (listener) => connection.onData(listener),
    onEnd: (listener) => {
      if (!alreadyEnded) return connection.onEnd(listener);
      queueMicrotask(listener);
      return { dispose: () => undefined };
    },
    write: (bytes) => connection.write(bytes),
    end: () => connection.end(),
  };
}
