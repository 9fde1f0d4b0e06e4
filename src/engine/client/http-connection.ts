import type { ByteStream } from "../../shared/byte-stream";
import { concatBytes, indexOfBytes } from "../../shared/bytes";
import type { Disposable } from "../../shared/disposable";
import { DrydockError } from "../../shared/errors";

export interface ResponseHead {
  status: number;
  /** Lower-case names. */
  headers: Map<string, string>;
}

/** A request body made as it is sent (a build context), its length known before its first byte. */
export interface SizedBody {
  readonly length: number;
  readonly chunks: AsyncIterable<Uint8Array>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The client's end of one HTTP/1.1 connection: writes requests, reads responses (a body by
 * Content-Length, chunked, or to the end of the connection), and hands the connection over
 * raw after a hijack (attach, exec).
 */
export class HttpConnection {
  private buffer: Uint8Array = new Uint8Array(0);
  private ended = false;
  private wake: (() => void) | undefined;
  /** After a hijack, bytes go straight to the new owner. */
  private forward: ((bytes: Uint8Array) => void) | undefined;
  private readonly subscriptions: Disposable[];

  constructor(private readonly stream: ByteStream) {
    this.subscriptions = [
      stream.onData((bytes) => {
        if (this.forward) return this.forward(bytes);
        this.buffer = this.buffer.length ? concatBytes([this.buffer, bytes]) : bytes;
        this.wake?.();
      }),
      stream.onEnd(() => {
        this.ended = true;
        this.wake?.();
      }),
    ];
  }

  get closed(): boolean {
    return this.ended;
  }

  /** A request; a SizedBody is written as its chunks come, each once the one before is handed on. */
  async send(method: string, target: string, headers: Record<string, string>, body?: Uint8Array | SizedBody): Promise<void> {
    const lines = [`${method} ${target} HTTP/1.1`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
    if (body) lines.push(`Content-Length: ${body.length}`);
    await this.stream.write(encoder.encode(lines.join("\r\n") + "\r\n\r\n"));
    if (body instanceof Uint8Array) {
      if (body.length > 0) await this.stream.write(body);
      return;
    }
    if (!body) return;
    let sent = 0;
    for await (const chunk of body.chunks) {
      sent += chunk.length;
      // More or less than the Content-Length said would run this request into the next one.
      if (sent > body.length) break;
      if (chunk.length > 0) await this.stream.write(chunk);
    }
    if (sent !== body.length) throw new DrydockError("Internal", `a request body of ${body.length} bytes gave ${sent}`);
  }

  async readHead(): Promise<ResponseHead> {
    for (;;) {
      const end = indexOfBytes(this.buffer, [13, 10, 13, 10]);
      if (end >= 0) {
        const lines = decoder.decode(this.buffer.subarray(0, end)).split("\r\n");
        this.buffer = this.buffer.slice(end + 4);
        const status = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? "");
        if (!status) throw new DrydockError("Unavailable", `malformed HTTP response: ${JSON.stringify(lines[0] ?? "")}`);
        const headers = new Map<string, string>();
        for (const line of lines.slice(1)) {
          const colon = line.indexOf(":");
          if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
        }
        return { status: Number(status[1]), headers };
      }
      if (!(await this.more())) throw new DrydockError("Unavailable", "unexpected EOF");
    }
  }

  /** The body's chunks as they arrive. */
  async *body(head: ResponseHead, method: string): AsyncGenerator<Uint8Array> {
    if (method === "HEAD" || head.status === 204 || head.status === 304) return;
    if (head.headers.get("transfer-encoding")?.toLowerCase().includes("chunked")) {
      yield* this.chunked();
      return;
    }
    const length = head.headers.get("content-length");
    if (length !== undefined) {
      let left = Number(length);
      while (left > 0) {
        if (this.buffer.length === 0 && !(await this.more())) throw new DrydockError("Unavailable", "unexpected EOF");
        const take = this.buffer.subarray(0, left);
        this.buffer = this.buffer.slice(take.length);
        left -= take.length;
        yield take;
      }
      return;
    }
    // No length: the body runs to the end of the connection.
    for (;;) {
      if (this.buffer.length > 0) {
        const take = this.buffer;
        this.buffer = new Uint8Array(0);
        yield take;
      }
      if (!(await this.more())) return;
    }
  }

  /**
   * The raw connection after the response head (a hijack): what was already read comes first.
   * Bytes that arrive before the new owner listens are kept for it.
   */
  hijack(): ByteStream {
    const early: Uint8Array[] = this.buffer.length ? [this.buffer] : [];
    this.buffer = new Uint8Array(0);
    let listener: ((bytes: Uint8Array) => void) | undefined;
    this.forward = (bytes) => (listener ? listener(bytes) : early.push(bytes));
    return {
      onData: (l) => {
        listener = l;
        for (const bytes of early.splice(0)) l(bytes);
        return { dispose: () => (listener = undefined) };
      },
      onEnd: (l) => this.stream.onEnd(l),
      write: (bytes) => this.stream.write(bytes),
      end: () => this.stream.end(),
    };
  }

  close(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.stream.end();
  }

  private async *chunked(): AsyncGenerator<Uint8Array> {
    for (;;) {
      let lineEnd = indexOfBytes(this.buffer, [13, 10]);
      while (lineEnd < 0) {
        if (!(await this.more())) throw new DrydockError("Unavailable", "unexpected EOF");
        lineEnd = indexOfBytes(this.buffer, [13, 10]);
      }
      const size = parseInt(decoder.decode(this.buffer.subarray(0, lineEnd)).split(";")[0]!, 16);
      if (!Number.isFinite(size) || size < 0) throw new DrydockError("Unavailable", "malformed chunked encoding");
      this.buffer = this.buffer.slice(lineEnd + 2);
      if (size === 0) {
        // The trailer: nothing, or header lines, then an empty line.
        for (;;) {
          const end = indexOfBytes(this.buffer, [13, 10]);
          if (end === 0) {
            this.buffer = this.buffer.slice(2);
            return;
          }
          if (end > 0) this.buffer = this.buffer.slice(end + 2);
          else if (!(await this.more())) return;
        }
      }
      while (this.buffer.length < size + 2) {
        if (!(await this.more())) throw new DrydockError("Unavailable", "unexpected EOF");
      }
      const chunk = this.buffer.slice(0, size);
      this.buffer = this.buffer.slice(size + 2);
      yield chunk;
    }
  }

  /** Waits for more bytes; false once the connection has ended. */
  private more(): Promise<boolean> {
    if (this.ended) return Promise.resolve(false);
    const before = this.buffer.length;
    return new Promise((resolve) => {
      this.wake = () => {
        if (this.buffer.length === before && !this.ended) return;
        this.wake = undefined;
        resolve(this.buffer.length > before);
      };
    });
  }
}
