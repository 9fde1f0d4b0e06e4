import type { Verb } from "../../command";
import { StatusError } from "../../errors";
import { DEFAULT_CONTEXT } from "../../context/resolve";
import { goQuote } from "../../../../shared/go-quote";

export const rm: Verb = {
  name: "rm",
  aliases: ["remove"],
  usage: "CONTEXT [CONTEXT...]",
  short: "Remove one or more contexts",
  args: { min: 1 },
  local: true,
  flags: [{ name: "force", short: "f", type: "bool", usage: "Force the removal of a context in use" }],
  async run({ contexts, out }, names, flags) {
    const force = flags.bool("force");
    const errors: string[] = [];
    for (const name of names) {
      if (name === DEFAULT_CONTEXT) {
        errors.push(`context ${goQuote(name)} cannot be removed`);
        continue;
      }
      if (name === contexts.current && !force) {
        errors.push(`context ${goQuote(name)} is in use, set -f flag to force remove`);
        continue;
      }
      // -f removes what is there, and is content with nothing.
      if (await contexts.store.exists(name)) await contexts.store.remove(name);
      else if (!force) {
        errors.push(`context ${goQuote(name)} does not exist`);
        continue;
      }
      // The current one gone, config.json falls back to the default, whichever it named.
      if (name === contexts.current) await contexts.config.setCurrentContext("");
      await out(`${name}\n`);
    }
    if (errors.length > 0) throw new StatusError(1, errors.join("\n"));
    return 0;
  },
};
