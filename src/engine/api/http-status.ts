import type { ErrorKind } from "../../shared/errors";

/** The one place an error kind becomes an HTTP status (moby's errdefs mapping). */
export function statusOf(kind: ErrorKind): number {
  switch (kind) {
    case "NotFound":
      return 404;
    case "InvalidParameter":
      return 400;
    case "Conflict":
      return 409;
    case "NotModified":
      return 304;
    case "Unavailable":
      return 503;
    case "Forbidden":
      return 403;
    case "NotImplemented":
      return 501;
    case "Internal":
      return 500;
  }
}
