import type { Verb } from "../../command";
import { StatusError } from "../../errors";

export const rename: Verb = {
  name: "rename",
  usage: "CONTAINER NEW_NAME",
  short: "Rename a container",
  args: { min: 2, max: 2 },
  async run(context, [name, newName]) {
    if (!newName!.trim()) throw new StatusError(1, "Error: new name cannot be blank");
    await context.api.containers.rename(name!, newName!);
    return 0;
  },
};
