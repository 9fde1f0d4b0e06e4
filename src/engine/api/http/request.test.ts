import { describe, expect, it } from "vitest";
import { concatBytes } from "../../../shared/bytes";
import { RequestRefused } from "./refusal";
import { MAX_BODY, MAX_HEAD, RequestReader } from "./request";
import type { RequestHead } from "./request-head";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const bytes = (text: string) => encoder.encode(text);

/** What a reader makes of these pieces: each request (its body read as it comes) in a comparable form, then the refusal if one came. */
function read(pieces: Uint8Array[], reader = new RequestReader()): unknown[] {
  const out: unknown[] = [];
  let current: { head: RequestHead; body: Uint8Array[] } | undefined;
  try {
    for (const piece of pieces) {
      reader.push(piece);
      for (;;) {
        if (!current) {
          const head = reader.take();
          if (!head) break;
          current = { head, body: [] };
        }
        const part = reader.readBody();
        if (part === undefined) break;
        if (part !== "end") current.body.push(part.slice());
        else {
          out.push(shown(current.head, concatBytes(current.body)));
          current = undefined;
        }
      }
    }
  } catch (error) {
    out.push(refusal(error));
  }
  return out;
}

function shown(head: RequestHead, body: Uint8Array) {
  return { method: head.method, path: head.path, query: head.query.toString(), headers: Object.fromEntries(head.headers), body: decoder.decode(body) };
}

/** What the reader does next with a request's body: its next piece (as text), "end", undefined, or its refusal. */
function nextOfBody(reader: RequestReader) {
  try {
    const piece = reader.readBody();
    return piece instanceof Uint8Array ? decoder.decode(piece) : piece;
  } catch (error) {
    return refusal(error);
  }
}

function refusal(error: unknown) {
  if (!(error instanceof RequestRefused)) throw error;
  return { status: error.status, message: error.message, plain: error.plain };
}

/** The refusal one request gets. */
function refused(text: string) {
  const out = read([bytes(text)]);
  expect(out).toHaveLength(1);
  return out[0] as ReturnType<typeof refusal>;
}

const CASES = {
  get: "GET /v1.47/containers/json?all=1&filters=%7B%7D HTTP/1.1\r\nHost: docker\r\nUser-Agent: Docker-Client/27\r\n\r\n",
  lengthBody: 'POST /containers/create?name=a HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{"Image":"busy"}\n',
  chunked: "POST /build HTTP/1.1\r\nHost: docker\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1;name=value\r\n \r\n6 \r\nworld!\r\n0\r\nX-Sum: 1\r\n\r\n",
  lfOnly: "POST /v1.47/containers/create HTTP/1.1\nHost: docker\nContent-Length: 2\n\n{}",
  pipelined: "GET /_ping HTTP/1.1\r\n\r\nHEAD /_ping HTTP/1.1\nHost: x\n\nPOST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n",
  malformedChunk: "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2x\r\nab\r\n0\r\n\r\n",
  malformedHead: "GET /_ping HTTP/1.1\r\nHost : docker\r\n\r\n",
};

describe("RequestReader", () => {
  it("reads the same requests, or refuses the same way, however the bytes are split", () => {
    for (const [name, text] of Object.entries(CASES)) {
      const all = bytes(text);
      const whole = read([all]);
      expect(whole.length, name).toBeGreaterThan(0);
      for (let at = 0; at <= all.length; at++) expect(read([all.subarray(0, at), all.subarray(at)]), `${name} split at ${at}`).toEqual(whole);
      expect(read([...all].map((byte) => Uint8Array.of(byte))), `${name} byte by byte`).toEqual(whole);
    }
  });

  it("reads a head, a body by length, a chunked body (extensions and trailers dropped), and pipelined requests", () => {
    expect(read([bytes(CASES.get)])).toEqual([{ method: "GET", path: "/v1.47/containers/json", query: "all=1&filters=%7B%7D", headers: { host: "docker", "user-agent": "Docker-Client/27" }, body: "" }]);
    expect(read([bytes(CASES.lengthBody)])).toMatchObject([{ path: "/containers/create", body: '{"Image":"busy"}\n', headers: { "content-length": "17" } }]);
    expect(read([bytes(CASES.chunked)])).toMatchObject([{ path: "/build", body: "hello world!", headers: { "transfer-encoding": "chunked" } }]);
    expect(read([bytes(CASES.pipelined)]).map((r) => (r as { method: string }).method)).toEqual(["GET", "HEAD", "POST"]);
  });

  it("takes lines ending in LF alone in the head and in trailers, as Go's textproto does", () => {
    expect(read([bytes(CASES.lfOnly)])).toMatchObject([{ method: "POST", headers: { host: "docker", "content-length": "2" }, body: "{}" }]);
    expect(read([bytes("GET /_ping HTTP/1.1\nHost: x\r\n\n")])).toMatchObject([{ path: "/_ping" }]);
    expect(read([bytes("POST /x HTTP/1.1\nTransfer-Encoding: chunked\n\n1\r\na\r\n0\r\nA: 1\nB: 2\r\n\r\n")])).toMatchObject([{ body: "a" }]);
  });

  it("refuses malformed chunk sizes and chunk ends with Go's chunked reader's words (a 400 in JSON)", () => {
    const chunk = (framing: string) => refused(`POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n${framing}`);
    expect(chunk("2x\r\nab\r\n0\r\n\r\n")).toEqual({ status: 400, message: "invalid byte in chunk length", plain: undefined });
    expect(chunk("-1\r\n")).toMatchObject({ status: 400, message: "invalid byte in chunk length" });
    expect(chunk("\r\n")).toMatchObject({ status: 400, message: "empty hex number for chunk length" });
    expect(chunk(";ext\r\n")).toMatchObject({ status: 400, message: "empty hex number for chunk length" });
    expect(chunk("00000000000000001\r\n")).toMatchObject({ status: 400, message: "http chunk length too large" });
    expect(chunk("2\nab\r\n")).toMatchObject({ status: 400, message: "chunked line ends with bare LF" });
    expect(chunk("2\r;x\r\nab\r\n")).toMatchObject({ status: 400, message: "invalid CR in chunked line" });
    expect(chunk("2\r\nabc\r\n")).toMatchObject({ status: 400, message: "malformed chunked encoding" });
    expect(chunk("2\r\nab\n0\r\n\r\n")).toMatchObject({ status: 400, message: "malformed chunked encoding" });
    expect(chunk(`1${"0".repeat(4100)}\r\n`)).toMatchObject({ status: 400, message: "header line too long" });
    expect(chunk("0\r\n\n")).toMatchObject({ status: 400, message: "http: suspiciously long trailer after chunked body" });
    expect(chunk("0\r\nA: 1\n\r\n")).toMatchObject({ status: 400, message: "http: suspiciously long trailer after chunked body" });
    expect(chunk("0\r\nA : 1\r\n\r\n")).toMatchObject({ status: 400, message: "malformed MIME header line" });
    // Go's bound on framing that carries next to no data: tiny chunks with long extensions.
    expect(chunk(`1;${"x".repeat(2000)}\r\na\r\n`.repeat(10))).toMatchObject({ status: 400, message: "chunked encoding contains too much non-data" });
  });

  it("refuses a chunk that takes the body past the limit at its size line, after the bytes before it, and keeps nothing after", () => {
    const reader = new RequestReader();
    reader.push(bytes("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n"));
    expect(reader.take()).toMatchObject({ path: "/x", framing: { kind: "chunked" } });
    expect(nextOfBody(reader)).toBe("abc");
    expect(nextOfBody(reader)).toBeUndefined();
    reader.push(bytes("FFFFFFFFFF\r\n"));
    const tooLarge = { status: 413, message: "http: request body too large (the limit is 1024 MiB)", plain: undefined };
    expect(nextOfBody(reader)).toEqual(tooLarge);
    reader.push(new Uint8Array(1024 * 1024));
    expect(nextOfBody(reader)).toEqual(tooLarge);
    expect(() => reader.take()).toThrow(RequestRefused);
    expect(reader.buffered).toBe(0);
    expect(reader.drain()).toHaveLength(0);
  });

  it("lets a chunked body reach the limit exactly, and refuses the chunk that would pass it", () => {
    const reader = new RequestReader();
    reader.push(bytes(`POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n${(MAX_BODY - 1).toString(16)}\r\n`));
    expect(reader.take()).toBeDefined();
    expect(nextOfBody(reader)).toBe("a");
    expect(nextOfBody(reader)).toBeUndefined();
    expect(refused(`POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n${MAX_BODY.toString(16)}\r\n`)).toMatchObject({ status: 413 });
  });

  it("refuses a Content-Length over the limit at the head, before any of the body", () => {
    expect(refused(`PUT /x HTTP/1.1\r\nContent-Length: ${MAX_BODY + 1}\r\n\r\n`)).toMatchObject({ status: 413, plain: undefined });
    const reader = new RequestReader();
    reader.push(bytes(`PUT /x HTTP/1.1\r\nContent-Length: ${MAX_BODY}\r\n\r\n`));
    expect(reader.take()).toMatchObject({ framing: { kind: "length", length: MAX_BODY } });
  });

  it("hands a body out as the bytes come, as views of them, never past its length", () => {
    const reader = new RequestReader();
    const sent = bytes("POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123");
    reader.push(sent);
    expect(reader.take()).toMatchObject({ framing: { kind: "length", length: 10 } });
    const piece = reader.readBody() as Uint8Array;
    expect(decoder.decode(piece)).toBe("0123");
    expect(piece.buffer).toBe(sent.buffer);
    expect(nextOfBody(reader)).toBeUndefined();
    reader.push(bytes("456789GET /next HTTP/1.1\r\n\r\n"));
    expect(nextOfBody(reader)).toBe("456789");
    expect(reader.buffered).toBe("GET /next HTTP/1.1\r\n\r\n".length);
    expect(nextOfBody(reader)).toBe("end");
    expect(reader.take()).toMatchObject({ path: "/next" });
    expect(nextOfBody(reader)).toBe("end");
  });

  it("answers malformed heads as Go's net/http does: a bare 400, or its statusError's reason", () => {
    const bare = { status: 400, plain: { reason: "Bad Request", body: "400 Bad Request" } };
    expect(refused(CASES.malformedHead)).toMatchObject(bare);
    expect(refused("GARBAGE\r\n\r\n")).toMatchObject({ ...bare, message: "malformed HTTP request" });
    expect(refused("GET / HTTP/9\r\n\r\n")).toMatchObject({ ...bare, message: "malformed HTTP version" });
    expect(refused("G(T / HTTP/1.1\r\n\r\n")).toMatchObject({ ...bare, message: "invalid method" });
    expect(refused("GET /%zz HTTP/1.1\r\n\r\n")).toMatchObject(bare);
    expect(refused("GET / HTTP/2.0\r\n\r\n")).toMatchObject({ status: 400, plain: { reason: "Bad Request: unsupported protocol version", body: "400 Bad Request: unsupported protocol version" } });
    expect(refused("GET / HTTP/1.1\r\n Folded: first\r\n\r\n")).toMatchObject({ ...bare, message: "malformed MIME header initial line" });
    expect(refused("GET / HTTP/1.1\r\nNoColon\r\n\r\n")).toMatchObject(bare);
    expect(refused("GET / HTTP/1.1\r\nX: a\x01b\r\n\r\n")).toMatchObject(bare);
    expect(refused("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello")).toMatchObject(bare);
    expect(refused("POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n")).toMatchObject({ ...bare, message: "bad Content-Length" });
    expect(refused("POST / HTTP/1.1\r\nContent-Length: \r\n\r\n")).toMatchObject({ ...bare, message: "invalid empty Content-Length" });
    expect(refused("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n")).toMatchObject({ ...bare, message: "bad Content-Length" });
  });

  it("follows Go's framing: one Transfer-Encoding, chunked, which wins over Content-Length; HTTP/1.0 ignores it", () => {
    const unsupported = { status: 501, plain: { reason: "Not Implemented", body: "Unsupported transfer encoding" } };
    expect(refused("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n")).toMatchObject(unsupported);
    expect(refused("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")).toMatchObject(unsupported);
    expect(refused("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n")).toMatchObject(unsupported);
    const both = read([bytes("POST / HTTP/1.1\r\nContent-Length: 100\r\nTransfer-Encoding: Chunked\r\n\r\n1\r\na\r\n0\r\n\r\n")]);
    expect(both).toEqual([expect.objectContaining({ body: "a", headers: { "transfer-encoding": "Chunked" } })]);
    expect(read([bytes("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc")])).toMatchObject([{ body: "abc" }]);
    expect(read([bytes("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length:  3\r\n\r\nabc")])).toMatchObject([{ body: "abc", headers: { "content-length": "3" } }]);
  });

  it("joins a folded header line to the field before it with one space, as Go does", () => {
    expect(read([bytes("GET / HTTP/1.1\r\nX-Long: one\r\n \t two \r\nX-Long: three\r\n\r\n")])).toMatchObject([{ headers: { "x-long": "one two, three" } }]);
  });

  it("answers a head past 64 KiB with Go's 431, but bytes that cannot begin a request line with its 400", () => {
    expect(refused(`GET / HTTP/1.1\r\nX-Big: ${"a".repeat(MAX_HEAD)}\r\n\r\n`)).toMatchObject({ status: 431, plain: { reason: "Request Header Fields Too Large", body: "431 Request Header Fields Too Large" } });
    expect(refused(`GET /${"a".repeat(MAX_HEAD)}`)).toMatchObject({ status: 431 });
    expect(refused("\u0000".repeat(70_000))).toMatchObject({ status: 400, message: "malformed HTTP request" });
  });

  it("refuses a request the peer ended half-way: Go's 400 for a head, a body read error for a body", () => {
    const ended = (text: string) => {
      const reader = new RequestReader();
      reader.push(bytes(text));
      reader.end();
      try {
        return reader.take();
      } catch (error) {
        return refusal(error);
      }
    };
    expect(ended("GET /_ping HTTP/1.1\r\nHost: x\r\n")).toMatchObject({ status: 400, message: "unexpected EOF", plain: { body: "400 Bad Request" } });
    expect(ended("")).toBeUndefined();
    expect(ended("GET /_ping HTTP/1.1\r\n\r\n")).toMatchObject({ path: "/_ping" });
    const cut = new RequestReader();
    cut.push(bytes("POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nabc"));
    cut.take();
    expect(nextOfBody(cut)).toBe("abc");
    cut.end();
    expect(nextOfBody(cut)).toEqual({ status: 400, message: "unexpected EOF", plain: undefined });
  });

  it("leaves what follows a request unread until the next is asked for: a hijacked stream's first bytes", () => {
    const reader = new RequestReader();
    reader.push(bytes("POST /containers/x/attach?stream=1 HTTP/1.1\r\nUpgrade: tcp\r\nConnection: Upgrade\r\n\r\nls -l\n"));
    expect(reader.take()).toMatchObject({ path: "/containers/x/attach" });
    expect(reader.readBody()).toBe("end");
    reader.push(bytes("\u0001 not HTTP at all"));
    expect(decoder.decode(reader.drain())).toBe("ls -l\n\u0001 not HTTP at all");
  });
});
