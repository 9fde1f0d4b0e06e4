import type { Verb } from "../../command";
import { DaemonError, StatusError } from "../../errors";

export const rm: Verb = {
  name: "rm",
  aliases: ["remove"],
  usage: "[OPTIONS] IMAGE [IMAGE...]",
  short: "Remove one or more images",
  args: { min: 1 },
  flags: [
    { name: "force", short: "f", type: "bool", usage: "Force removal of the image" },
    { name: "no-prune", type: "bool", usage: "Do not delete untagged parents" },
  ],
  async run(context, names, flags) {
    let failed = false;
    for (const name of names) {
      try {
        const removed = await context.api.json<{ Untagged?: string; Deleted?: string }[]>("DELETE", `/images/${name}`, { query: { force: flags.bool("force") || undefined, noprune: flags.bool("no-prune") || undefined } });
        for (const entry of removed) await context.out(entry.Deleted ? `Deleted: ${entry.Deleted}\n` : `Untagged: ${entry.Untagged}\n`);
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
