import type { ResponseHead } from "../http/response-body";
import { previewOfHostUrl, previewUrl } from "./preview-url";

// Hop-by-hop fields are the connection's own, and this connection is a new one; Host and the
// body's framing are written afresh; Expect would wait for a 100 nobody reads.
const NOT_FORWARDED = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length", "accept-encoding", "expect"]);

/**
 * The request's head as the container is sent it: HTTP/1.1 on a connection of its own, closed
 * after one response. No compression is asked for, since a response the service worker makes is
 * not decoded by the browser.
 */
export function requestHead(port: number, method: string, target: string, headers: [string, string][], bodyLength: number | undefined): Uint8Array {
  const lines = [`${method} ${target} HTTP/1.1`, `Host: localhost:${port}`];
  for (const [name, value] of headers) if (!NOT_FORWARDED.has(name.toLowerCase())) lines.push(`${name}: ${value}`);
  lines.push("Accept-Encoding: identity");
  if (bodyLength !== undefined) lines.push(`Content-Length: ${bodyLength}`);
  lines.push("Connection: close");
  return new TextEncoder().encode(`${lines.join("\r\n")}\r\n\r\n`);
}

/**
 * The response's header fields as the browser is given them: the framing the page undid and the
 * connection's own left out; a redirect to the container's own root (`Location: /docs/`, as
 * httpd sends for a directory) or to the host's address kept inside the preview (of the app at
 * `appBase`).
 */
export function responseHeaders(head: ResponseHead, port: number, appBase: string): [string, string][] {
  return head.headers.flatMap(([name, value]): [string, string][] => {
    const lower = name.toLowerCase();
    if (lower === "transfer-encoding" || lower === "connection" || lower === "keep-alive") return [];
    if (lower === "location" || lower === "content-location") {
      if (value.startsWith("/") && !value.startsWith("//")) return [[name, previewUrl(port, value, appBase)]];
      return [[name, previewOfHostUrl(value, appBase) ?? value]];
    }
    return [[name, value]];
  });
}
