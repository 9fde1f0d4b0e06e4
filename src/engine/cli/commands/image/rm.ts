import type { Verb } from "../../command";
import { forEachName } from "../container/each";

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
      const removed = await context.api.images.remove(name!, { force: flags.bool("force"), noprune: flags.bool("no-prune") });
      return removed.map((entry) => (entry.Deleted ? `Deleted: ${entry.Deleted}\n` : `Untagged: ${entry.Untagged}\n`)).join("");
    }, { force: flags.bool("force") }),
};
