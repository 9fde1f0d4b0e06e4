import { DrydockError, type ErrorKind } from "../../../shared/errors";

/**
 * A request the server answers itself, before any handler, and then closes the connection.
 * The status is the HTTP server's, not an error kind's (there is no kind for 413 or 431), and
 * so is the answer's shape: in Docker, Go's net/http answers a head it cannot read in plain
 * text (server.go, conn.serve), while a body it cannot read reaches the daemon's handler as a
 * read error, which answers with JSON ({"message": ...}, as httputils.ReadJSON's errors do).
 */
export class RequestRefused extends DrydockError {
  private constructor(
    kind: ErrorKind,
    readonly status: number,
    message: string,
    /** Go's plain-text answer: what follows the status code on its status line, and its body. */
    readonly plain?: { reason: string; body: string },
  ) {
    super(kind, message);
    this.name = "RequestRefused";
  }

  /**
   * A head Go refuses with its bare "400 Bad Request". `statusError` is for the few refusals
   * where Go names the reason on the status line and in the body (its statusError type).
   */
  static malformed(message: string, statusError = false): RequestRefused {
    const reason = statusError ? `Bad Request: ${message}` : "Bad Request";
    return new RequestRefused("InvalidParameter", 400, message, { reason, body: `400 ${reason}` });
  }

  /** A head over the limit: Go's 431 for one over its MaxHeaderBytes. */
  static headTooLarge(): RequestRefused {
    const reason = "Request Header Fields Too Large";
    return new RequestRefused("InvalidParameter", 431, "request header too large", { reason, body: `431 ${reason}` });
  }

  /** A transfer coding other than chunked: Go's 501, which does not echo the coding back. */
  static unsupportedTransferEncoding(message: string): RequestRefused {
    return new RequestRefused("NotImplemented", 501, message, { reason: "Not Implemented", body: "Unsupported transfer encoding" });
  }

  /** A body whose framing is broken (Go's chunked reader's error, word for word). */
  static badBody(message: string): RequestRefused {
    return new RequestRefused("InvalidParameter", 400, message);
  }

  /**
   * A body over our limit. dockerd has no limit of its own; 413 says what happened (the
   * request is well-formed, only too big) where a 400 would call it malformed.
   */
  static bodyTooLarge(limit: number): RequestRefused {
    return new RequestRefused("InvalidParameter", 413, `http: request body too large (the limit is ${limit / 1048576} MiB)`);
  }

  /** A body over a route's own limit (a build context), in that route's words. */
  static tooLarge(message: string): RequestRefused {
    return new RequestRefused("InvalidParameter", 413, message);
  }
}
