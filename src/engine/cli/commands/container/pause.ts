import type { Verb } from "../../command";
import { forEachContainer } from "./each";

export const pause: Verb = {
  name: "pause",
  usage: "CONTAINER [CONTAINER...]",
  short: "Pause all processes within one or more containers",
  args: { min: 1 },
  run: (context, names) => forEachContainer(context, names, (name) => context.api.containers.pause(name)),
};
