import type { ByteStream } from "../../../shared/byte-stream";

/** A response with its whole body. */
export interface BodyResponse {
  status: number;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
}

/** A response whose body is written as it comes (chunked): progress, logs -f, events. */
export interface StreamResponse {
  status: number;
  headers?: Record<string, string>;
  stream: AsyncIterable<Uint8Array | string>;
}

/**
 * Docker's hijack (attach, exec start): after the head, the connection carries raw bytes
 * both ways. `bytes` holds what the client sent after its request, before the head went out.
 */
export interface HijackResponse {
  status?: number;
  headers?: Record<string, string>;
  hijack(connection: ByteStream, early: Uint8Array): Promise<void>;
}

export type HttpResponse = BodyResponse | StreamResponse | HijackResponse;

export function json(status: number, value: unknown, headers: Record<string, string> = {}): BodyResponse {
  return { status, headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(value) + "\n" };
}

/** Docker's content type for a container's or an exec's streams: raw with a tty, stdio frames without. */
export function streamType(tty: boolean): string {
  return tty ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream";
}

export function noContent(): BodyResponse {
  return { status: 204 };
}

export const STATUS_TEXT: Record<number, string> = {
  101: "UPGRADED",
  200: "OK",
  201: "Created",
  204: "No Content",
  304: "Not Modified",
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Request Entity Too Large",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  501: "Not Implemented",
  503: "Service Unavailable",
};
