import { concatBytes } from "../../../shared/bytes";

/**
 * A request's body as the client sends it, pulled by the handler: the server reads the
 * connection only as fast as the body is read, so an upload of any size holds little memory.
 * A read rejects with a RequestRefused when the body cannot be read (its framing is broken, it
 * passes the server's limit, or the client went away before its end): whatever the handler
 * made of the bytes before is not a whole body, and the server answers the refusal itself.
 */
export interface RequestBody extends AsyncIterable<Uint8Array> {
  /** The Content-Length, or undefined for a chunked body (Go's -1). */
  readonly length: number | undefined;
  /** The next bytes, or undefined once the body is all read. One read at a time. */
  read(): Promise<Uint8Array | undefined>;
}

/**
 * The whole body, for a handler that decodes it at once (a JSON body): at most `limit` bytes
 * are kept. A longer body is refused with `tooLarge(length)`: at once when its Content-Length
 * says so, else once it has been read to its end (counted, not kept), so the refusal can say
 * how long it was.
 */
export async function readWhole(body: RequestBody, limit: number, tooLarge: (length: number) => Error): Promise<Uint8Array> {
  if (body.length !== undefined && body.length > limit) throw tooLarge(body.length);
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const bytes of body) {
    length += bytes.length;
    if (length <= limit) parts.push(bytes);
  }
  if (length > limit) throw tooLarge(length);
  return parts.length === 1 ? parts[0]! : concatBytes(parts);
}
