/** Error kinds cross every boundary (worker messages, the API, the CLI); strings do not. */
export type ErrorKind =
  | "NotFound"
  | "InvalidParameter"
  | "Conflict"
  | "NotModified"
  | "Unavailable"
  | "Forbidden"
  | "NotImplemented"
  | "Internal";

export class DrydockError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "DrydockError";
  }
}

export function errorKind(error: unknown): ErrorKind {
  return error instanceof DrydockError ? error.kind : "Internal";
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
