import type { Verb } from "../../command";
import { forEachContainer } from "./each";

export const unpause: Verb = {
  name: "unpause",
  usage: "CONTAINER [CONTAINER...]",
  short: "Unpause all processes within one or more containers",
  args: { min: 1 },
  run: (context, names) => forEachContainer(context, names, (name) => context.api.containers.unpause(name)),
};
