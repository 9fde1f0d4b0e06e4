import { DrydockError } from "../../../shared/errors";

/**
 * A step that failed: the classic builder's words for the official CLI (its message and the
 * exit status it exits with), BuildKit's for Drydock's CLI (the vertex's error).
 */
export class StepFailed extends DrydockError {
  constructor(
    message: string,
    readonly buildkit: string,
    readonly code?: number,
  ) {
    super("InvalidParameter", message);
  }

  /** A RUN that exited non-zero. */
  static exited(args: readonly string[], code: number): StepFailed {
    const command = args.join(" ");
    return new StepFailed(`The command '${command}' returned a non-zero code: ${code}`, `process "${command}" did not complete successfully: exit code: ${code}`, code);
  }
}
