import type { CommandContext } from "../../command";
import { DaemonError } from "../../../client/errors";
import { StatusError } from "../../errors";

/**
 * docker stop/kill/rm/wait/rmi/...: the call for each name in turn, what it returns printed
 * (the name, an exit code, what was untagged), the daemon's error when it fails, exit 1 if any
 * failed (the rest still tried), with Docker's closing line where it has one.
 */
export async function forEachName(
  context: CommandContext,
  names: readonly string[],
  call: (name: string) => Promise<string>,
  options: { summary?: (failed: string[]) => string; force?: boolean } = {},
): Promise<number> {
  const failed: string[] = [];
  for (const name of names) {
    try {
      await context.out(await call(name));
    } catch (error) {
      if (!(error instanceof DaemonError)) throw error;
      await context.err(`${error.line}\n`);
      // rm -f and rmi -f: what is not there is said, but is no failure.
      if (!(options.force && error.kind === "NotFound")) failed.push(name);
    }
  }
  if (failed.length === 0) return 0;
  throw new StatusError(1, options.summary ? options.summary(failed) : "");
}

/** forEachName for the verbs that print each container's name as given once done. */
export function forEachContainer(context: CommandContext, names: readonly string[], call: (name: string) => Promise<unknown>, force = false): Promise<number> {
  return forEachName(
    context,
    names,
    async (name) => {
      await call(name);
      return `${name}\n`;
    },
    { force },
  );
}
