import { describe, expect, it } from "vitest";
import { requestHead, responseHeaders } from "./preview-http";

describe("requestHead", () => {
  it("asks the container on a connection of its own, the browser's fields passed on", () => {
    const head = requestHead(8080, "POST", "/cgi-bin/echo?x=1", [["Accept", "text/html"], ["Connection", "keep-alive"], ["Accept-Encoding", "gzip"], ["Content-Type", "text/plain"]], 5);
    expect(new TextDecoder().decode(head)).toBe(
      "POST /cgi-bin/echo?x=1 HTTP/1.1\r\nHost: localhost:8080\r\nAccept: text/html\r\nContent-Type: text/plain\r\nAccept-Encoding: identity\r\nContent-Length: 5\r\nConnection: close\r\n\r\n",
    );
  });

  it("gives a request without a body no length", () => {
    expect(new TextDecoder().decode(requestHead(80, "GET", "/", [], undefined))).toBe("GET / HTTP/1.1\r\nHost: localhost:80\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n");
  });
});

describe("responseHeaders", () => {
  const app = "http://127.0.0.1:5173/";

  it("leaves out the framing and keeps redirects to the container's root inside the preview", () => {
    const head = {
      status: 301,
      statusText: "Moved Permanently",
      headers: [
        ["Location", "/docs/"],
        ["Transfer-Encoding", "chunked"],
        ["Connection", "close"],
        ["Content-Type", "text/html"],
      ] as [string, string][],
    };
    expect(responseHeaders(head, 8080, app)).toEqual([
      ["Location", "http://127.0.0.1:5173/preview/8080/docs/"],
      ["Content-Type", "text/html"],
    ]);
  });

  it("rewrites the host's own absolute addresses and leaves relative and other ones", () => {
    const head = (location: string) => ({ status: 302, statusText: "Found", headers: [["Location", location]] as [string, string][] });
    expect(responseHeaders(head("http://localhost:9090/a?b"), 8080, app)).toEqual([["Location", "http://127.0.0.1:5173/preview/9090/a?b"]]);
    expect(responseHeaders(head("next.html"), 8080, app)).toEqual([["Location", "next.html"]]);
    expect(responseHeaders(head("https://example.com/"), 8080, app)).toEqual([["Location", "https://example.com/"]]);
  });
});
