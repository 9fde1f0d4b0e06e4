import type { Verb } from "../../command";
import { forEachName } from "./each";

export const wait: Verb = {
  name: "wait",
  usage: "CONTAINER [CONTAINER...]",
  short: "Block until one or more containers stop, then print their exit codes",
  args: { min: 1 },
  run: (context, names) =>
    forEachName(context, names, async (name) => `${(await context.api.containers.wait(name, { signal: context.signal })).StatusCode}\n`),
};
