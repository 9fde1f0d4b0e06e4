import type { Verb } from "../../command";
import { DaemonError, StatusError } from "../../errors";
import { containerPath } from "./each";

export const wait: Verb = {
  name: "wait",
  usage: "CONTAINER [CONTAINER...]",
  short: "Block until one or more containers stop, then print their exit codes",
  args: { min: 1 },
  async run(context, names) {
    let failed = false;
    for (const name of names) {
      try {
        const result = await context.api.json<{ StatusCode: number }>("POST", `${containerPath(name)}/wait`, { signal: context.signal });
        await context.out(`${result.StatusCode}\n`);
      } catch (error) {
        if (!(error instanceof DaemonError)) throw error;
        failed = true;
        await context.err(`${error.line}\n`);
      }
    }
    if (failed) throw new StatusError(1, "");
    return 0;
  },
};
