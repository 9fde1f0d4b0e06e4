import { concatBytes, indexOfBytes } from "../../../shared/bytes";
import { DrydockError } from "../../../shared/errors";

export interface HttpRequest {
  method: string;
  /** The path as sent, without the query. */
  path: string;
  query: URLSearchParams;
  /** Lower-case names. */
  headers: Map<string, string>;
  body: Uint8Array;
}

const decoder = new TextDecoder();
const MAX_HEAD = 64 * 1024;
const MAX_BODY = 64 * 1024 * 1024;

/**
 * Reads HTTP/1.1 requests from a connection's bytes: the head, then a body by Content-Length
 * or chunked encoding. `take` returns the next whole request, or undefined until one has come.
 */
export class RequestReader {
  private buffer: Uint8Array = new Uint8Array(0);

  push(bytes: Uint8Array): void {
    this.buffer = this.buffer.length ? concatBytes([this.buffer, bytes]) : bytes;
  }

  /** What is left after the last request: the start of a hijacked stream. */
  drain(): Uint8Array {
    const rest = this.buffer;
    this.buffer = new Uint8Array(0);
    return rest;
  }

  take(): HttpRequest | undefined {
    const headEnd = indexOfBytes(this.buffer, [13, 10, 13, 10]);
    if (headEnd < 0) {
      if (this.buffer.length > MAX_HEAD) throw new DrydockError("InvalidParameter", "request header too large");
      return undefined;
    }
    const lines = decoder.decode(this.buffer.subarray(0, headEnd)).split("\r\n");
    const [method, target, version] = (lines.shift() ?? "").split(" ");
    if (!method || !target || !version?.startsWith("HTTP/1.")) throw new DrydockError("InvalidParameter", "malformed HTTP request line");
    const headers = new Map<string, string>();
    for (const line of lines) {
      const colon = line.indexOf(":");
      if (colon <= 0) throw new DrydockError("InvalidParameter", "malformed HTTP header");
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
    }
    let offset = headEnd + 4;
    let body: Uint8Array;
    if (headers.get("transfer-encoding")?.toLowerCase().includes("chunked")) {
      const parts: Uint8Array[] = [];
      for (;;) {
        const lineEnd = indexOfBytes(this.buffer, [13, 10], offset);
        if (lineEnd < 0) return undefined;
        const size = parseInt(decoder.decode(this.buffer.subarray(offset, lineEnd)).split(";")[0]!, 16);
        if (!Number.isFinite(size) || size < 0) throw new DrydockError("InvalidParameter", "malformed chunked body");
        if (size === 0) {
          const trailerEnd = indexOfBytes(this.buffer, [13, 10, 13, 10], lineEnd);
          const end = trailerEnd === lineEnd ? lineEnd + 4 : trailerEnd < 0 ? -1 : trailerEnd + 4;
          if (end < 0) return undefined;
          offset = end;
          break;
        }
        if (this.buffer.length < lineEnd + 2 + size + 2) return undefined;
        parts.push(this.buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
        offset = lineEnd + 2 + size + 2;
        if (parts.reduce((n, p) => n + p.length, 0) > MAX_BODY) throw new DrydockError("InvalidParameter", "request body too large");
      }
      body = concatBytes(parts);
    } else {
      const length = Number(headers.get("content-length") ?? 0);
      if (!Number.isInteger(length) || length < 0 || length > MAX_BODY) throw new DrydockError("InvalidParameter", "invalid Content-Length");
      if (this.buffer.length < offset + length) return undefined;
      body = this.buffer.slice(offset, offset + length);
      offset += length;
    }
    this.buffer = this.buffer.slice(offset);
    const queryAt = target.indexOf("?");
    let path = queryAt < 0 ? target : target.slice(0, queryAt);
    try {
      path = decodeURIComponent(path);
    } catch {
      throw new DrydockError("InvalidParameter", "malformed request path");
    }
    return { method: method.toUpperCase(), path, query: new URLSearchParams(queryAt < 0 ? "" : target.slice(queryAt + 1)), headers, body };
  }
}
