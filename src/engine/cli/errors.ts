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
