import { DrydockError, type ErrorKind } from "../../shared/errors";

/**
 * A command's failure with the exit status Docker gives it. The message is printed as it is
 * (Docker's own wording, prefixes included); an empty message prints nothing.
 */
export class StatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "StatusError";
  }
}

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

/** A bad command line: the parser's message, then the command's usage (exit 125, or 1 for argument counts). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** Argument-count errors say "See 'docker x --help'"; flag errors "Run 'docker x --help'". */
    readonly hint: "See" | "Run" = "Run",
  ) {
    super(message);
    this.name = "UsageError";
  }
}
