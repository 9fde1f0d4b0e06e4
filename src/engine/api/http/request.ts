import { concatBytes } from "../../../shared/bytes";
import { DrydockError } from "../../../shared/errors";
import { ByteQueue } from "./byte-queue";
import { RequestRefused } from "./refusal";
import type { RequestBody } from "./request-body";
import { couldStartRequestLine, fieldProblem, HeadParser, type RequestHead } from "./request-head";

export interface HttpRequest {
  method: string;
  /** The path as sent, without the query. */
  path: string;
  query: URLSearchParams;
  /** Lower-case names. */
  headers: Map<string, string>;
  /** Read as it comes: the connection gives no more than the handler takes. */
  body: RequestBody;
}

/** Ours, not Go's (its MaxHeaderBytes is 1 MB): a Docker client's head is a few hundred bytes. */
export const MAX_HEAD = 64 * 1024;
/**
 * Ours: dockerd has none. A body is streamed, never held whole, so this bounds what one request
 * (an image archive, a build context) may make the daemon store, not the server's memory.
 */
export const MAX_BODY = 1024 * 1024 * 1024;
/** Go's chunked reader reads a chunk-size line, CRLF included, within its 4 KiB buffer. */
const MAX_CHUNK_LINE = 4096;
/** Go reads trailers only when their end shows within that same buffer (transfer.go readTrailer). */
const MAX_TRAILERS = 4096;
/** Go's allowance for chunk framing beyond the data it carries (chunked.go beginChunk). */
const MAX_EXCESS = 16 * 1024;
// A byte-order mark stays in the text, as Go would see it (it is no token).
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const LF = 10;
const CR = 13;

type Phase = "head" | "length" | "chunk-size" | "chunk-data" | "chunk-end" | "trailers";

/** What `readBody` found: body bytes, the body's end, or nothing until more bytes come. */
export type BodyPiece = Uint8Array | "end" | undefined;

/**
 * Reads HTTP/1.1 requests from a connection's bytes as they come: the head (`take`), then its
 * body by Content-Length or chunked encoding, then trailers (`readBody`, piece by piece, as
 * views of the received bytes: never copied, never joined). Each byte is looked at once, and
 * only when asked for: bytes not yet asked for wait (so the server can hold the connection
 * back), and what follows a request is left for a hijacked stream. Limits are checked as soon
 * as they can be: a Content-Length at the head, a chunk at its size line, before any of its
 * bytes are read. Once it refuses, the reader keeps nothing.
 */
export class RequestReader {
  private readonly input = new ByteQueue();
  private phase: Phase = "head";
  private parser = new HeadParser();
  /** Body bytes announced so far (lengths and chunk sizes), against the limit. */
  private bodyLength = 0;
  /** The line being read, as views of the input, until its LF comes. */
  private line: Uint8Array[] = [];
  private lineLength = 0;
  /** Head or trailer bytes read so far (both are limited); body bytes still due in this length or chunk. */
  private used = 0;
  private left = 0;
  /** Chunk framing beyond what Go allows for the data it carried. */
  private excess = 0;
  /** Trailer fields so far, and whether the last one ended with CRLF. */
  private trailers = 0;
  private lastLineCrlf = true;
  private ended = false;
  private refused: RequestRefused | undefined;

  push(bytes: Uint8Array): void {
    if (this.refused) return;
    this.input.push(bytes);
  }

  /** Bytes received and not yet read. */
  get buffered(): number {
    return this.input.length;
  }

  /** The peer sent its last byte: a request it began and did not finish is refused at the next `take`. */
  end(): void {
    this.ended = true;
  }

  /** Once refused, why: the reader reads nothing more, so a hijacked stream would have lost bytes. */
  get refusal(): RequestRefused | undefined {
    return this.refused;
  }

  /** What is held after the last request: the start of a hijacked stream. */
  drain(): Uint8Array {
    return this.input.drain();
  }

  /**
   * The next request's head, once it has come, or undefined until then; its body is read with
   * `readBody`, all of it, before the next head. Throws a RequestRefused when the bytes cannot be
   * a request, and again at every call after.
   */
  take(): RequestHead | undefined {
    return this.guard(() => {
      const head = this.readHead();
      if (!head && this.ended && this.begun()) throw RequestRefused.malformed("unexpected EOF");
      return head;
    });
  }

  /**
   * The body's next bytes (as many as have come, up to the end of a length or a chunk), "end"
   * once it is all read (at once for a request without one), or undefined until more come.
   * Throws a RequestRefused when the body's framing is broken, it passes the limit, or the peer
   * ended before it did.
   */
  readBody(): BodyPiece {
    return this.guard(() => {
      const piece = this.readBodyPiece();
      if (piece === undefined && this.ended) throw RequestRefused.badBody("unexpected EOF");
      return piece;
    });
  }

  private guard<T>(read: () => T): T {
    if (this.refused) throw this.refused;
    try {
      return read();
    } catch (error) {
      if (error instanceof RequestRefused) this.refuse(error);
      throw error;
    }
  }

  private readHead(): RequestHead | undefined {
    if (this.phase !== "head") throw new DrydockError("Internal", "a request was taken before the body ahead of it was read");
    for (;;) {
      const line = this.readLine(MAX_HEAD - this.used, () => this.headTooLarge());
      if (!line) return undefined;
      this.used += line.length + 1;
      const head = this.parser.line(withoutCr(line));
      if (!head) continue;
      const { framing } = head;
      if (framing.kind === "chunked") this.phase = "chunk-size";
      else if (framing.length > MAX_BODY) throw RequestRefused.bodyTooLarge(MAX_BODY);
      else if (framing.length > 0) {
        this.phase = "length";
        this.left = framing.length;
      }
      this.parser = new HeadParser();
      this.used = 0;
      return head;
    }
  }

  private readBodyPiece(): BodyPiece {
    for (;;) {
      switch (this.phase) {
        case "head":
          return "end";
        case "length":
          if (this.left > 0) return this.dueBytes();
          return this.finish();
        case "chunk-size": {
          const line = this.readLine(MAX_CHUNK_LINE, () => RequestRefused.badBody("header line too long"));
          if (!line) return undefined;
          const size = this.chunkSize(line);
          if (this.bodyLength + size > MAX_BODY) throw RequestRefused.bodyTooLarge(MAX_BODY);
          this.bodyLength += size;
          if (size === 0) {
            this.phase = "trailers";
            this.used = 0;
          } else {
            this.phase = "chunk-data";
            this.left = size;
          }
          break;
        }
        case "chunk-data":
          if (this.left > 0) return this.dueBytes();
          this.phase = "chunk-end";
          this.left = 2;
          break;
        case "chunk-end": {
          // The CRLF after a chunk's data, perhaps split between pieces.
          const piece = this.input.front();
          if (!piece) return undefined;
          if (piece[0] !== (this.left === 2 ? CR : LF)) throw RequestRefused.badBody("malformed chunked encoding");
          this.input.consume(1);
          if (--this.left === 0) this.phase = "chunk-size";
          break;
        }
        case "trailers": {
          const tooLong = () => RequestRefused.badBody("http: suspiciously long trailer after chunked body");
          const line = this.readLine(MAX_TRAILERS - this.used, tooLong);
          if (!line) return undefined;
          this.used += line.length + 1;
          const crlf = line.at(-1) === CR;
          const field = withoutCr(line);
          if (field.length > 0) {
            // Trailers are read as header lines are (an LF alone may end one), then dropped.
            const problem = fieldProblem(decoder.decode(field), this.trailers === 0);
            if (problem) throw RequestRefused.badBody(problem);
            this.trailers++;
            this.lastLineCrlf = crlf;
            break;
          }
          // Go takes the body's end only as CRLF, or trailers ending in CRLF CRLF.
          if (!crlf || !this.lastLineCrlf) throw tooLong();
          return this.finish();
        }
      }
    }
  }

  /** The body bytes due (of the length, or of this chunk) that the front piece holds, as a view; undefined when none has come. */
  private dueBytes(): Uint8Array | undefined {
    const piece = this.input.front();
    if (!piece) return undefined;
    const count = Math.min(this.left, piece.length);
    this.input.consume(count);
    this.left -= count;
    return piece.subarray(0, count);
  }

  /**
   * The next line, LF cut off (a CR before it kept), once its LF has come; undefined until
   * then. Its bytes are taken from the input as they come, so none is looked at twice.
   */
  private readLine(limit: number, tooLong: () => RequestRefused): Uint8Array | undefined {
    for (let piece = this.input.front(); piece; piece = this.input.front()) {
      const lf = piece.indexOf(LF);
      const part = lf < 0 ? piece : piece.subarray(0, lf + 1);
      this.input.consume(part.length);
      // Past the limit, one byte more is kept, enough to tell why the line was refused.
      this.line.push(part.subarray(0, limit + 1 - this.lineLength));
      this.lineLength += part.length;
      if (this.lineLength > limit) throw tooLong();
      if (lf < 0) continue;
      const line = concatBytes(this.line);
      this.line = [];
      this.lineLength = 0;
      return line.subarray(0, line.length - 1);
    }
    return undefined;
  }

  /** Go's chunked reader (chunked.go readChunkLine, parseHexUint): CRLF only, hex, at most 16 digits. */
  private chunkSize(line: Uint8Array): number {
    const cr = line.indexOf(CR);
    if (cr < 0) throw RequestRefused.badBody("chunked line ends with bare LF");
    if (cr !== line.length - 1) throw RequestRefused.badBody("invalid CR in chunked line");
    this.excess += line.length + 1;
    let end = line.indexOf(0x3b); // a chunk extension, after ';', is ignored
    if (end < 0) end = line.length - 1;
    while (end > 0 && (line[end - 1] === 0x20 || line[end - 1] === 0x09)) end--;
    if (end === 0) throw RequestRefused.badBody("empty hex number for chunk length");
    let size = 0;
    for (let i = 0; i < end; i++) {
      const digit = hexValue(line[i]!);
      if (digit < 0) throw RequestRefused.badBody("invalid byte in chunk length");
      if (i === 16) throw RequestRefused.badBody("http chunk length too large");
      size = size * 16 + digit;
    }
    // One-byte chunks are allowed their 5 bytes of framing; long extensions on tiny chunks are not.
    this.excess = Math.max(0, this.excess - 16 - 2 * size);
    if (this.excess > MAX_EXCESS) throw RequestRefused.badBody("chunked encoding contains too much non-data");
    return size;
  }

  /** The body is read: what follows is the next request's. */
  private finish(): "end" {
    this.phase = "head";
    this.used = 0;
    this.bodyLength = 0;
    this.excess = 0;
    this.trailers = 0;
    this.lastLineCrlf = true;
    return "end";
  }

  /** Whether bytes of a request not yet whole have come. */
  private begun(): boolean {
    return this.phase !== "head" || !this.parser.atRequestLine || this.lineLength > 0 || this.input.length > 0;
  }

  /**
   * Go's 431 for a head past the limit; but a request line whose method is already no token
   * can never become a request, and Go, reading on to its own larger limit, would call it malformed.
   */
  private headTooLarge(): RequestRefused {
    if (this.parser.atRequestLine && !couldStartRequestLine(concatBytes(this.line))) return RequestRefused.malformed("malformed HTTP request");
    return RequestRefused.headTooLarge();
  }

  private refuse(error: RequestRefused): void {
    this.refused = error;
    this.input.clear();
    this.line = [];
    this.lineLength = 0;
  }
}

function withoutCr(line: Uint8Array): Uint8Array {
  return line.at(-1) === CR ? line.subarray(0, line.length - 1) : line;
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  return -1;
}
