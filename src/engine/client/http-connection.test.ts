import { describe, expect, it } from "vitest";
import { bytePipe } from "../../shared/byte-pipe";
import { HttpConnection } from "./http-connection";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function body(connection: HttpConnection, method = "GET"): Promise<{ status: number; text: string }> {
  const head = await connection.readHead();
  let text = "";
  for await (const chunk of connection.body(head, method)) text += decoder.decode(chunk);
  return { status: head.status, text };
}

describe("the CLI's HTTP/1.1 connection", () => {
  it("reads bodies by length and chunked, one response after another, however the bytes are split", async () => {
    const [client, server] = bytePipe();
    const connection = new HttpConnection(client);
    const bytes = encoder.encode("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
    for (let i = 0; i < bytes.length; i += 7) await server.write(bytes.subarray(i, i + 7));
    expect(await body(connection)).toEqual({ status: 200, text: "hello" });
    expect(await body(connection)).toEqual({ status: 404, text: "abcde" });
  });

  it("sends the request line, headers and a body with its length", async () => {
    const [client, server] = bytePipe();
    let received = "";
    server.onData((bytes) => {
      received += decoder.decode(bytes);
    });
    await new HttpConnection(client).send("POST", "/v1.47/containers/create?name=x", { Host: "api.moby.localhost" }, encoder.encode("{}"));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(received).toBe("POST /v1.47/containers/create?name=x HTTP/1.1\r\nHost: api.moby.localhost\r\nContent-Length: 2\r\n\r\n{}");
  });

  it("hands over a hijacked connection with the bytes that came with the head", async () => {
    const [client, server] = bytePipe();
    const connection = new HttpConnection(client);
    await server.write(encoder.encode("HTTP/1.1 101 UPGRADED\r\nUpgrade: tcp\r\n\r\nearly"));
    expect((await connection.readHead()).status).toBe(101);
    const raw = connection.hijack();
    await server.write(encoder.encode(" later"));
    await new Promise((resolve) => setTimeout(resolve, 0));
    let seen = "";
    raw.onData((bytes) => {
      seen += decoder.decode(bytes);
    });
    expect(seen).toBe("early later");
  });

  it("fails on a connection that ends mid-body", async () => {
    const [client, server] = bytePipe();
    const connection = new HttpConnection(client);
    await server.write(encoder.encode("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"));
    server.end();
    await expect(body(connection)).rejects.toThrow("unexpected EOF");
  });
});
