import { DrydockError } from "../../../../shared/errors";
import type { CommandContext } from "../../command";
import { ConnectError, DaemonError } from "../../../client/errors";
import { StatusError } from "../../errors";

/**
 * How docker run and create report a failure: "docker: <error>", a blank line, the --help
 * hint, and 125 (or 127/126 when the command could not be run, as Docker tells them apart).
 */
export function runFailure(context: CommandContext, error: unknown, status: number): unknown {
  if (error instanceof StatusError || error instanceof ConnectError) return error;
  if (!(error instanceof DrydockError)) return error;
  const text = error instanceof DaemonError ? error.line : error.message;
  return new StatusError(status, `docker: ${text}\n\nRun '${context.path} --help' for more information`);
}

/** docker/cli's runStartContainerErr: the exit status a failed start means. */
export function startStatus(message: string): number {
  if (/executable file not found|no such file or directory|system cannot find the file specified/.test(message)) return 127;
  if (/permission denied/i.test(message)) return 126;
  return 125;
}
