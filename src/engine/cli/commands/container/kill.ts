import type { Verb } from "../../command";
import { forEachContainer } from "./each";

export const kill: Verb = {
  name: "kill",
  usage: "[OPTIONS] CONTAINER [CONTAINER...]",
  short: "Kill one or more running containers",
  args: { min: 1 },
  flags: [{ name: "signal", short: "s", type: "string", usage: "Signal to send to the container" }],
  run: (context, names, flags) => forEachContainer(context, names, (name) => context.api.containers.kill(name, flags.optional("signal"))),
};
