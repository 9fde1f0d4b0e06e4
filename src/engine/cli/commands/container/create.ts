import type { Verb } from "../../command";
import { runFailure } from "./run-failure";
import { createBody, CREATE_FLAGS } from "./create-options";
import { createContainer } from "./create-container";

export const create: Verb = {
  name: "create",
  usage: "[OPTIONS] IMAGE [COMMAND] [ARG...]",
  short: "Create a new container",
  args: { min: 1 },
  interspersed: false,
  flags: CREATE_FLAGS,
  async run(context, [image, ...command], flags) {
    try {
      const stdin = flags.bool("interactive");
      const body = await createBody(context, image!, command, flags, { stdin, stdout: true, stderr: true });
      const id = await createContainer(context, body, flags.optional("name"), flags.string("pull"));
      await context.out(`${id}\n`);
      return 0;
    } catch (error) {
      throw runFailure(context, error, 125);
    }
  },
};
