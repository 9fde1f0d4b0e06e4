import { RequestRefused } from "./refusal";

/** How the body after a head ends. */
export type Framing = { kind: "length"; length: number } | { kind: "chunked" };

export interface RequestHead {
  method: string;
  /** The path as sent, without the query, percent-decoded. */
  path: string;
  query: URLSearchParams;
  /** Lower-case names; repeated fields joined with ", ". */
  headers: Map<string, string>;
  framing: Framing;
}

// A byte-order mark stays in the text, as Go would see it (it is no token).
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Control bytes but HTAB (Go's textproto validHeaderValueByte; obs-text is allowed).
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;
const MAX_CONTENT_LENGTH = 2n ** 63n - 1n;

/**
 * A request's head, line by line (line ends already cut off), read as Go's net/http reads
 * one: request.go readRequest, textproto ReadMIMEHeader, transfer.go's framing rules.
 */
export class HeadParser {
  private requestLine: { method: string; target: string; minor: number } | undefined;
  private readonly fields: [name: string, value: string][] = [];

  /** True until the request line has come. */
  get atRequestLine(): boolean {
    return this.requestLine === undefined;
  }

  /** Takes the next line; returns the head when the blank line ends it. */
  line(bytes: Uint8Array): RequestHead | undefined {
    const text = decoder.decode(bytes);
    if (!this.requestLine) {
      this.requestLine = parseRequestLine(text);
      return undefined;
    }
    if (text === "") return this.finish(this.requestLine);
    const problem = fieldProblem(text, this.fields.length === 0);
    if (problem) throw RequestRefused.malformed(problem);
    const last = this.fields.at(-1);
    const colon = text.indexOf(":");
    // obs-fold: Go joins a continuation line to the field before it with one space.
    if (last && isFolded(text)) last[1] = `${last[1]} ${trimSpace(text)}`;
    else this.fields.push([text.slice(0, colon).toLowerCase(), trimSpace(text.slice(colon + 1))]);
    return undefined;
  }

  private finish({ method, target, minor }: { method: string; target: string; minor: number }): RequestHead {
    const headers = new Map<string, string>();
    for (const [name, value] of this.fields) headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
    const framing = this.framing(minor, headers);
    if (framing.kind === "chunked") headers.delete("content-length");
    const queryAt = target.indexOf("?");
    let path: string;
    try {
      path = decodeURIComponent(queryAt < 0 ? target : target.slice(0, queryAt));
    } catch {
      throw RequestRefused.malformed("invalid URL escape in the request path");
    }
    return { method: method.toUpperCase(), path, query: new URLSearchParams(queryAt < 0 ? "" : target.slice(queryAt + 1)), headers, framing };
  }

  /** transfer.go: one Transfer-Encoding, chunked, wins over Content-Length; HTTP/1.0 ignores it. */
  private framing(minor: number, headers: Map<string, string>): Framing {
    const codings = this.values("transfer-encoding");
    if (codings.length > 0 && minor >= 1) {
      if (codings.length > 1) throw RequestRefused.unsupportedTransferEncoding("too many transfer encodings");
      if (codings[0]!.toLowerCase() !== "chunked") throw RequestRefused.unsupportedTransferEncoding("unsupported transfer encoding");
      return { kind: "chunked" };
    }
    const lengths = this.values("content-length");
    if (lengths.length === 0) return { kind: "length", length: 0 };
    if (lengths.some((value) => value !== lengths[0])) throw RequestRefused.malformed("message cannot contain multiple Content-Length headers");
    const text = lengths[0]!;
    if (text === "") throw RequestRefused.malformed("invalid empty Content-Length");
    if (!/^\d{1,19}$/.test(text) || BigInt(text) > MAX_CONTENT_LENGTH) throw RequestRefused.malformed("bad Content-Length");
    headers.set("content-length", text);
    return { kind: "length", length: Number(text) };
  }

  private values(name: string): string[] {
    return this.fields.filter(([field]) => field === name).map(([, value]) => value);
  }
}

/** request.go parseRequestLine and ParseHTTPVersion: METHOD SP target SP HTTP/1.x. */
function parseRequestLine(line: string): { method: string; target: string; minor: number } {
  const first = line.indexOf(" ");
  const second = first < 0 ? -1 : line.indexOf(" ", first + 1);
  if (second < 0) throw RequestRefused.malformed("malformed HTTP request");
  const method = line.slice(0, first);
  const target = line.slice(first + 1, second);
  const version = /^HTTP\/(\d)\.(\d)$/.exec(line.slice(second + 1));
  if (!TOKEN.test(method)) throw RequestRefused.malformed("invalid method");
  if (!version) throw RequestRefused.malformed("malformed HTTP version");
  if (version[1] !== "1") throw RequestRefused.malformed("unsupported protocol version", true);
  if (target === "" || CONTROL.test(target)) throw RequestRefused.malformed("invalid request target");
  return { method, target, minor: Number(version[2]) };
}

/**
 * Why a header (or trailer) line is no field, in textproto ReadMIMEHeader's words, or undefined
 * when it is one. `first`: no field came before it, so it cannot continue one.
 */
export function fieldProblem(text: string, first: boolean): string | undefined {
  if (isFolded(text)) return first ? "malformed MIME header initial line" : CONTROL.test(text) ? "malformed MIME header line" : undefined;
  const colon = text.indexOf(":");
  if (colon < 0) return "malformed MIME header: missing colon";
  // A space before the colon leaves the name no token: Go refuses it (it smells of request smuggling).
  if (!TOKEN.test(text.slice(0, colon)) || CONTROL.test(text.slice(colon + 1))) return "malformed MIME header line";
  return undefined;
}

function isFolded(text: string): boolean {
  return text[0] === " " || text[0] === "\t";
}

/** Without leading and trailing spaces and tabs (textproto's trim, not String.trim's wider one). */
function trimSpace(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, "");
}

/** Whether a request line's start could still be one: its method, up to the first space, a token. */
export function couldStartRequestLine(start: Uint8Array): boolean {
  const space = start.indexOf(0x20);
  return TOKEN.test(decoder.decode(space < 0 ? start : start.subarray(0, space)));
}
