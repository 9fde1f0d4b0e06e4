import { DaemonError } from "../../../client/errors";
import type { Verb } from "../../command";
import { forEachName } from "../container/each";

export const rm: Verb = {
  name: "rm",
  aliases: ["remove"],
  usage: "NETWORK [NETWORK...]",
  short: "Remove one or more networks",
  args: { min: 1 },
  flags: [{ name: "force", short: "f", type: "bool", usage: "Do not error if the network does not exist" }],
  run: (context, names, flags) =>
    forEachName(
      context,
      names,
      async (name) => {
        try {
          await context.api.networks.remove(name);
        } catch (error) {
          // -f: a network that is not there is passed over without a word.
          if (flags.bool("force") && error instanceof DaemonError && error.kind === "NotFound") return "";
          throw error;
        }
        return `${name}\n`;
      },
      { summary: () => "exit status 1" },
    ),
};
