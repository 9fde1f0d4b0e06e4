import type { ByteStream } from "../../../shared/byte-stream";
import type { ExchangeClient, ExchangeServer } from "../../../shared/api-exchange";
import { ExchangeRecord, type ApiTap } from "./api-tap";
import { declaredFraming, HttpFramer, type Framing } from "./http-framer";

/**
 * The connection as the HTTP server sees it, with every exchange on it recorded for the tap:
 * requests as they come in, responses as they go out (a stream's status at its head, its
 * duration at its end), hijacked streams (attach, exec) to the connection's end. The bytes
 * pass unchanged; the server (the daemon's API, or a container's through its published port)
 * never knows.
 */
export function tapConnection(connection: ByteStream, client: ExchangeClient, tap: ApiTap | undefined, server: ExchangeServer = "daemon"): ByteStream {
  if (!tap) return connection;
  /** Exchanges in order; the first is the one being answered (HTTP/1.1 answers in order). */
  const open: ExchangeRecord[] = [];
  let requesting: ExchangeRecord | undefined;

  const requests: HttpFramer = new HttpFramer({
    head: (head) => {
      const [method = "", target = ""] = head.startLine.split(" ");
      const record = head.valid ? new ExchangeRecord(tap, client, server, method.toUpperCase(), target) : new ExchangeRecord(tap, client, server, "?", head.startLine.slice(0, 80) || "(not HTTP)");
      open.push(record);
      requesting = record;
      record.begin();
      // Not HTTP: the rest of the connection is that one exchange's. An upgrade becomes one only
      // when the daemon agrees (its 101, or a hijack), which switches this framer below; a
      // refused one (404) leaves the connection serving requests, each to be recorded.
      if (!head.valid) return { kind: "until-close" };
      return declaredFraming(head.headers) ?? { kind: "length", length: 0 };
    },
    bytes: (bytes) => requesting?.requestBytes(bytes),
    end: () => undefined,
  });

  const responses: HttpFramer = new HttpFramer({
    head: (head) => {
      const record = open[0] ?? new ExchangeRecord(tap, client, server, "?", "(no request)");
      if (!open.length) {
        open.push(record);
        record.begin();
      }
      const status = Number(head.startLine.split(" ")[1]) || 0;
      record.responded(status);
      const framing = responseFraming(status, record.method, head.headers);
      if (framing.kind === "until-close" && requesting === record) requests.untilClose();
      return framing;
    },
    bytes: (bytes) => open[0]?.responseBytes(bytes),
    end: () => open.shift()?.end(),
  });

  // A listener may be added again (serveConnection hands a hijacked stream on): each chunk is recorded once.
  const seen = new WeakSet<Uint8Array>();
  return {
    onData: (listener) =>
      connection.onData((bytes) => {
        if (!seen.has(bytes)) {
          seen.add(bytes);
          requests.push(bytes);
        }
        return listener(bytes);
      }),
    onEnd: (listener) => connection.onEnd(listener),
    write: (bytes) => {
      responses.push(bytes);
      return connection.write(bytes);
    },
    end: () => {
      for (const record of open.splice(0)) record.end();
      connection.end();
    },
  };
}

function responseFraming(status: number, method: string, headers: Map<string, string>): Framing {
  if (status === 101) return { kind: "until-close" };
  if (method === "HEAD" || status === 204 || status === 304 || (status >= 100 && status < 200)) return { kind: "length", length: 0 };
  // Neither a length nor chunks: a hijack without an upgrade (curl's attach), the connection is the body.
  return declaredFraming(headers) ?? { kind: "until-close" };
}
