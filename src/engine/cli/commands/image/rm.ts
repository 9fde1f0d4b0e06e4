import type { Verb } from "../../command";
import { forEachName, pathPart } from "../container/each";

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
  run: (context, names, flags) =>
    forEachName(context, names, async (name) => {
      const removed = await context.api.json<{ Untagged?: string; Deleted?: string }[]>("DELETE", `/images/${pathPart(name!)}`, { query: { force: flags.bool("force") || undefined, noprune: flags.bool("no-prune") || undefined } });
      return removed.map((entry) => (entry.Deleted ? `Deleted: ${entry.Deleted}\n` : `Untagged: ${entry.Untagged}\n`)).join("");
    }, { force: flags.bool("force") }),
};
