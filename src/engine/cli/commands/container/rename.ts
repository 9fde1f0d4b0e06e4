import type { Verb } from "../../command";
import { StatusError } from "../../errors";
import { containerPath } from "./each";

export const rename: Verb = {
  name: "rename",
  usage: "CONTAINER NEW_NAME",
  short: "Rename a container",
  args: { min: 2, max: 2 },
  async run(context, [name, newName]) {
    if (!newName!.trim()) throw new StatusError(1, "Error: new name cannot be blank");
    await context.api.text("POST", `${containerPath(name!)}/rename`, { query: { name: newName } });
    return 0;
  },
};
