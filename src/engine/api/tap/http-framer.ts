import { concatBytes } from "../../../shared/bytes";

/** A message's first line and headers (names lower-case); `valid` is false for bytes that are not HTTP. */
export interface MessageHead {
  startLine: string;
  headers: Map<string, string>;
  valid: boolean;
}

/** How a message's body ends: after a length, at the chunked end, or only when the connection does. */
export type Framing = { kind: "length"; length: number } | { kind: "chunked" } | { kind: "until-close" };

export interface FramerEvents {
  /** A message's head came; the answer says how to find its body's end. */
  head(head: MessageHead): Framing;
  /** Bytes of the current message, its head's included, as they came. */
  bytes(bytes: Uint8Array): void;
  /** The current message is whole. */
  end(): void;
}

const decoder = new TextDecoder();
const MAX_HEAD = 64 * 1024;

/**
 * One direction of an HTTP/1.1 connection cut into messages as its bytes pass: only the
 * framing is read, so a body of any length streams through without being held.
 */
export class HttpFramer {
  private pending: Uint8Array = new Uint8Array(0);
  private body: BodyReader | undefined;

  constructor(private readonly events: FramerEvents) {}

  push(bytes: Uint8Array): void {
    let rest = bytes;
    while (rest.length > 0) {
      if (this.body) {
        const { used, done } = this.body.read(rest);
        this.events.bytes(rest.subarray(0, used));
        rest = rest.subarray(used);
        if (done) this.finish();
        continue;
      }
      const joined = this.pending.length ? concatBytes([this.pending, rest]) : rest;
      const headEnd = endOfHead(joined);
      if (headEnd < 0 && joined.length <= MAX_HEAD) {
        this.pending = joined.slice();
        return;
      }
      // A head too long to be one is not HTTP: it takes the rest of the connection.
      const headBytes = headEnd < 0 ? joined : joined.subarray(0, headEnd);
      this.pending = new Uint8Array(0);
      const head = headEnd < 0 ? { startLine: "", headers: new Map<string, string>(), valid: false } : parseHead(headBytes);
      this.body = bodyReader(this.events.head(head));
      this.events.bytes(headBytes);
      rest = joined.subarray(headBytes.length);
      if (this.body.read(new Uint8Array(0)).done) this.finish();
    }
  }

  /** The rest of the connection belongs to the current message (a hijack the request did not announce). */
  untilClose(): void {
    this.body = bodyReader({ kind: "until-close" });
    if (this.pending.length) this.events.bytes(this.pending);
    this.pending = new Uint8Array(0);
  }

  private finish(): void {
    this.body = undefined;
    this.events.end();
  }
}

/** Where the head ends (after its empty line), or -1: lines end in CRLF or, as Go's server takes them, LF alone. */
function endOfHead(bytes: Uint8Array): number {
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) {
    if (bytes[i + 1] === 10) return i + 2;
    if (bytes[i + 1] === 13 && bytes[i + 2] === 10) return i + 3;
  }
  return -1;
}

function parseHead(bytes: Uint8Array): MessageHead {
  const lines = decoder.decode(bytes).split(/\r?\n/).filter(Boolean);
  const startLine = lines.shift() ?? "";
  const headers = new Map<string, string>();
  let valid = startLine.split(" ").length >= 2;
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0) valid = false;
    else headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { startLine, headers, valid };
}

/** The framing a message's headers give it, or undefined when they give none. */
export function declaredFraming(headers: Map<string, string>): Framing | undefined {
  if (headers.get("transfer-encoding")?.toLowerCase().includes("chunked")) return { kind: "chunked" };
  const length = headers.get("content-length");
  return length === undefined ? undefined : { kind: "length", length: Number(length) || 0 };
}

interface BodyReader {
  /** How many of these bytes are the body's, and whether it ended with them. */
  read(bytes: Uint8Array): { used: number; done: boolean };
}

function bodyReader(framing: Framing): BodyReader {
  if (framing.kind === "until-close") return { read: (bytes) => ({ used: bytes.length, done: false }) };
  if (framing.kind === "chunked") return new ChunkedReader();
  let left = framing.length;
  return {
    read: (bytes) => {
      const used = Math.min(left, bytes.length);
      left -= used;
      return { used, done: left === 0 };
    },
  };
}

/** Chunked encoding, byte by byte across any splits: size line, data and CRLF, ..., 0, trailers, blank line. */
class ChunkedReader implements BodyReader {
  private line = "";
  private left = 0;
  private phase: "size" | "data" | "trailer" = "size";

  read(bytes: Uint8Array): { used: number; done: boolean } {
    let i = 0;
    while (i < bytes.length) {
      if (this.phase === "data") {
        const n = Math.min(this.left, bytes.length - i);
        i += n;
        this.left -= n;
        if (this.left === 0) this.phase = "size";
        continue;
      }
      const byte = bytes[i++]!;
      if (byte !== 10) {
        if (this.line.length < 256) this.line += String.fromCharCode(byte);
        continue;
      }
      const text = this.line.replace(/\r$/, "");
      this.line = "";
      if (this.phase === "trailer") {
        if (text === "") return { used: i, done: true };
        continue;
      }
      const size = parseInt(text.split(";")[0]!, 16);
      if (size > 0) {
        this.left = size + 2;
        this.phase = "data";
      } else {
        this.phase = "trailer";
      }
    }
    return { used: i, done: false };
  }
}
