import type { Verb } from "../../command";
import { forEachContainer } from "./each";

export const rm: Verb = {
  name: "rm",
  aliases: ["remove"],
  usage: "[OPTIONS] CONTAINER [CONTAINER...]",
  short: "Remove one or more containers",
  args: { min: 1 },
  flags: [
    { name: "force", short: "f", type: "bool", usage: "Force the removal of a running container (uses SIGKILL)" },
    { name: "volumes", short: "v", type: "bool", usage: "Remove anonymous volumes associated with the container" },
  ],
  run: (context, names, flags) =>
    forEachContainer(context, names, (name) => context.api.containers.remove(name, { force: flags.bool("force"), volumes: flags.bool("volumes") }), flags.bool("force")),
};
