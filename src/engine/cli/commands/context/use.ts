import type { Verb } from "../../command";
import { StatusError } from "../../errors";
import { checkContextName } from "../../context/names";
import { DEFAULT_CONTEXT } from "../../context/resolve";
import { goQuote } from "../../../../shared/go-quote";

export const use: Verb = {
  name: "use",
  usage: "CONTEXT",
  short: "Set the current docker context",
  // Docker counts this one argument itself, in cobra's words and without the usage.
  args: {},
  local: true,
  async run({ contexts, io, out, err }, args) {
    if (args.length !== 1) throw new StatusError(1, `accepts 1 arg(s), received ${args.length}`);
    const name = args[0]!;
    if (name !== DEFAULT_CONTEXT) {
      checkContextName(name);
      await contexts.store.get(name);
    }
    const configured = name === DEFAULT_CONTEXT ? "" : name;
    if (contexts.config.currentContext !== configured) await contexts.config.setCurrentContext(configured);
    await out(`${name}\n`);
    await err(`Current context is now ${goQuote(name)}\n`);
    if (name !== DEFAULT_CONTEXT && io.env.DOCKER_HOST) {
      await err(`Warning: DOCKER_HOST environment variable overrides the active context. To use ${goQuote(name)}, either set the global --context flag, or unset DOCKER_HOST environment variable.\n`);
    }
    return 0;
  },
};
