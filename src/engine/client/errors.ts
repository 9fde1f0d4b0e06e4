import { DrydockError, type ErrorKind } from "../../shared/errors";

/** The daemon answered with an error: Docker prints "Error response from daemon: <message>". */
export class DaemonError extends DrydockError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(kindOf(status), message);
    this.name = "DaemonError";
  }

  /** The line Docker prints for it. */
  get line(): string {
    return `Error response from daemon: ${this.message}`;
  }
}

function kindOf(status: number): ErrorKind {
  switch (status) {
    case 304:
      return "NotModified";
    case 400:
      return "InvalidParameter";
    case 403:
      return "Forbidden";
    case 404:
      return "NotFound";
    case 409:
      return "Conflict";
    case 501:
      return "NotImplemented";
    case 503:
      return "Unavailable";
    default:
      return "Internal";
  }
}

/** The daemon could not be reached (nothing listens, or the connection broke), in Docker's words. */
export class ConnectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConnectError";
  }
}
