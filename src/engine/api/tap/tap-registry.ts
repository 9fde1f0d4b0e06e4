import { STATUS_TEXT } from "../http/response";
import type { RegistryTransport } from "../../registry/registry-client";
import { ExchangeRecord, type ApiTap } from "./api-tap";

const encoder = new TextEncoder();

/**
 * The daemon's calls to a registry, recorded as exchanges from "daemon" to "registry". The
 * built-in hub answers in-process, so the raw text is written out as the HTTP it stands for.
 */
export function tapRegistry(transport: RegistryTransport, tap: ApiTap | undefined): RegistryTransport {
  if (!tap) return transport;
  return async (method, url, headers) => {
    const { host, pathname, search } = new URL(url);
    const record = new ExchangeRecord(tap, "daemon", "registry", method, pathname + search);
    record.requestBytes(encoder.encode(`${method} ${pathname}${search} HTTP/1.1\r\n${headerLines({ Host: host, ...headers })}\r\n`));
    record.begin();
    try {
      const response = await transport(method, url, headers);
      const fields = Object.fromEntries(response.headers);
      if (method !== "HEAD" && !response.headers.has("content-length")) fields["content-length"] = String(response.body.length);
      record.responseBytes(encoder.encode(`HTTP/1.1 ${response.status} ${STATUS_TEXT[response.status] ?? ""}\r\n${headerLines(fields)}\r\n`));
      record.responseBytes(response.body);
      record.responded(response.status);
      return response;
    } finally {
      record.end();
    }
  };
}

function headerLines(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
}
