import type { Verb } from "../../command";
import { containerPath, forEachContainer } from "./each";

export const restart: Verb = {
  name: "restart",
  usage: "[OPTIONS] CONTAINER [CONTAINER...]",
  short: "Restart one or more containers",
  args: { min: 1 },
  flags: [
    { name: "signal", short: "s", type: "string", usage: "Signal to send to the container" },
    { name: "timeout", short: "t", type: "int", usage: "Seconds to wait before killing the container" },
  ],
  run: (context, names, flags) =>
    forEachContainer(context, names, (name) =>
      context.api.text("POST", `${containerPath(name)}/restart`, { query: { signal: flags.optional("signal"), t: flags.changed("timeout") ? flags.int("timeout") : undefined } }),
    ),
};
