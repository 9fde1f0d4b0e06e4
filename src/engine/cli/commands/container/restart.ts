import type { Verb } from "../../command";
import { forEachContainer } from "./each";
import { STOP_FLAGS, stopQuery } from "./stop";

export const restart: Verb = {
  name: "restart",
  usage: "[OPTIONS] CONTAINER [CONTAINER...]",
  short: "Restart one or more containers",
  args: { min: 1 },
  flags: STOP_FLAGS,
  run: (context, names, flags) => forEachContainer(context, names, (name) => context.api.containers.restart(name, stopQuery(flags))),
};
