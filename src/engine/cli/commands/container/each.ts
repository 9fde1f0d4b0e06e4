import type { CommandContext } from "../../command";
import { DaemonError, StatusError } from "../../errors";

/**
 * docker stop/kill/rm/pause/...: the call for each container in turn, its name printed when it
 * worked, the daemon's error when not, exit 1 if any failed (and the rest still tried).
 */
export async function forEachContainer(context: CommandContext, names: readonly string[], call: (name: string) => Promise<unknown>, summary?: (failed: string[]) => string): Promise<number> {
  const failed: string[] = [];
  for (const name of names) {
    try {
      await call(name);
      await context.out(`${name}\n`);
    } catch (error) {
      if (!(error instanceof DaemonError)) throw error;
      failed.push(name);
      await context.err(`${error.line}\n`);
    }
  }
  if (failed.length === 0) return 0;
  throw new StatusError(1, summary ? summary(failed) : "");
}

export const containerPath = (name: string) => `/containers/${encodeURIComponent(name)}`;
