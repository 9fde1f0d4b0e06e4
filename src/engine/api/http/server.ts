import type { Disposable } from "../../../shared/disposable";
import { errorKind, errorMessage } from "../../../shared/errors";
import type { ByteStream } from "../../../shared/byte-stream";
import { concatBytes } from "../../../shared/bytes";
import { IncomingBody } from "./incoming-body";
import { RequestRefused } from "./refusal";
import { MAX_HEAD, RequestReader, type HttpRequest } from "./request";
import type { RequestHead } from "./request-head";
import { STATUS_TEXT, type HttpResponse } from "./response";
import { statusOf } from "../http-status";

const encoder = new TextEncoder();
const CRLF = encoder.encode("\r\n");

/** A request with what the handler may need of its connection. */
export interface ServerRequest extends HttpRequest {
  /** Aborted when the client goes away (a follow stream should stop). */
  signal: AbortSignal;
}

export type Handler = (request: ServerRequest) => Promise<HttpResponse>;

/**
 * Unread bytes past which the connection is held back (a socket paused, the page given no
 * more credit) until the handler has read them: above a head's limit, so a head always fits.
 */
export const HOLD_AT = 4 * MAX_HEAD;
/** What Go reads of a body its handler left unread, before answering, to find the next request (server.go maxPostHandlerReadBytes). */
export const DRAIN_AT_MOST = 256 * 1024;

/**
 * Serves HTTP/1.1 on one connection: requests one after another (keep-alive), each body a
 * stream the handler pulls, responses whole, chunked or hijacked. The connection is read only
 * as fast as the handler reads: past HOLD_AT unread bytes it is held back. A request that
 * cannot be read (malformed, over a limit, cut short) is answered as Docker answers it and the
 * connection is closed; what the client sends after is dropped. A body the handler leaves
 * unread is read and dropped, up to Go's amount, so the next request is found where it starts;
 * past that, or when it cannot be read, the answer says Connection: close and the connection ends.
 */
export function serveConnection(connection: ByteStream, handle: Handler): Disposable {
  const reader = new RequestReader();
  const aborter = new AbortController();
  let busy = false;
  let hijacked = false;
  let ended = false;
  /** We ended our side: what the client still sends is dropped, never held (its writes must not hang). */
  let finished = false;
  let body: IncomingBody | undefined;
  let held: { promise: Promise<void>; release: () => void } | undefined;
  const subscriptions: Disposable[] = [];

  const holdBack = (): Promise<void> => {
    if (!held) {
      let release!: () => void;
      const promise = new Promise<void>((resolve) => (release = resolve));
      held = { promise, release };
    }
    return held.promise;
  };
  /** Lets a held connection go on once the reader is well below the mark (or, `always`, at once). */
  const letGo = (always = false) => {
    if (!held || (!always && reader.buffered > HOLD_AT / 2)) return;
    held.release();
    held = undefined;
  };
  const finish = () => {
    finished = true;
    letGo(true);
    connection.end();
  };
  const closing = async (error: unknown) => {
    letGo(true);
    await refuse(connection, error);
    finish();
  };

  const next = async (): Promise<void> => {
    if (busy || hijacked || finished) return;
    let request: RequestHead | undefined;
    try {
      request = reader.take();
    } catch (error) {
      busy = true;
      return closing(error);
    }
    letGo();
    if (!request) {
      if (ended) finish();
      return;
    }
    busy = true;
    body = new IncomingBody(reader, request.framing.kind === "length" ? request.framing.length : undefined, () => letGo());
    const { method, path, query, headers } = request;
    const response = await handle({ method, path, query, headers, body, signal: aborter.signal }).catch(errorResponse);
    // A body the handler could not read is answered by the server, whatever the handler made of it.
    if (reader.refusal) return closing(reader.refusal);
    if ("hijack" in response) {
      body = undefined;
      hijacked = true;
      for (const s of subscriptions) s.dispose();
      letGo(true);
      const upgrade = headers.get("upgrade") !== undefined;
      const status = response.status ?? (upgrade ? 101 : 200);
      const responseHeaders = { ...(response.headers ?? {}), ...(upgrade ? { Connection: "Upgrade", Upgrade: headers.get("upgrade")! } : {}) };
      await connection.write(encoder.encode(head(status, responseHeaders)));
      // As Go's Hijack: the connection's unread bytes as they are, a body the handler left unread included.
      await response.hijack(hijackedStream(connection, ended), reader.drain()).catch(() => undefined);
      return;
    }
    const whole = await finishBody(body);
    body = undefined;
    const close = !whole || headers.get("connection")?.toLowerCase() === "close";
    // Go says it will close when it must (the body left unread); it need not when the client asked.
    const closeHeader: Record<string, string> = whole ? {} : { Connection: "close" };
    if ("stream" in response) {
      await connection.write(encoder.encode(head(response.status, { ...response.headers, ...closeHeader, "Transfer-Encoding": "chunked" })));
      try {
        for await (const chunk of response.stream) {
          const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
          if (bytes.length === 0 || aborter.signal.aborted) continue;
          // One write a chunk: each write crosses the pipe's window, the worker's messages and the tap.
          await connection.write(concatBytes([encoder.encode(bytes.length.toString(16) + "\r\n"), bytes, CRLF]));
        }
      } catch {
        // The stream failed half-way: the status is sent, so the client sees a cut body.
      }
      await connection.write(encoder.encode("0\r\n\r\n"));
    } else {
      await writeBody(connection, response.status, { ...(response.headers ?? {}), ...closeHeader }, response.body, method === "HEAD");
    }
    busy = false;
    if (close) {
      finish();
      return;
    }
    await next();
  };

  // A write to a connection that is gone rejects (a guest socket whose agent restarted, a
  // client that hung up): the exchange is over, and nothing else may fail with it.
  const serve = () =>
    void next().catch(() => {
      aborter.abort();
      finish();
    });
  subscriptions.push(
    connection.onData((bytes) => {
      if (finished) return undefined;
      reader.push(bytes);
      body?.arrived();
      serve();
      return reader.buffered > HOLD_AT ? holdBack() : undefined;
    }),
    connection.onEnd(() => {
      ended = true;
      reader.end();
      aborter.abort();
      body?.arrived();
      serve();
    }),
  );
  return {
    dispose: () => {
      subscriptions.forEach((s) => s.dispose());
      letGo(true);
    },
  };
}

/** What the handler threw, answered as the router answers a route's error. */
function errorResponse(error: unknown): HttpResponse {
  return { status: statusOf(errorKind(error)), headers: { "Content-Type": "application/json" }, body: JSON.stringify({ message: errorMessage(error) }) + "\n" };
}

/**
 * Reads what the handler left of the body, as Go does before answering: false when that is
 * more than DRAIN_AT_MOST (a Content-Length says so at once) or it cannot be read, and the
 * next request cannot be found.
 */
async function finishBody(body: IncomingBody): Promise<boolean> {
  if (body.whole) return true;
  if (body.length !== undefined && body.length - body.received > DRAIN_AT_MOST) return false;
  const start = body.received;
  try {
    while ((await body.read()) !== undefined) if (body.received - start > DRAIN_AT_MOST) return false;
  } catch {
    return false;
  }
  return true;
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
