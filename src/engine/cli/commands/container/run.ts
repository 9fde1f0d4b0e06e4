import type { CommandContext, Verb } from "../../command";
import { DaemonError } from "../../../client/errors";
import { StatusError } from "../../errors";
import { createBody, CREATE_FLAGS } from "./create-options";
import { runAttached } from "./attached";
import { createContainer } from "./create-container";
import { runFailure, startStatus } from "./run-failure";

export const run: Verb = {
  name: "run",
  usage: "[OPTIONS] IMAGE [COMMAND] [ARG...]",
  short: "Create and run a new container from an image",
  args: { min: 1 },
  interspersed: false,
  flags: [
    ...CREATE_FLAGS,
    { name: "detach", short: "d", type: "bool", usage: "Run container in background and print container ID" },
    { name: "detach-keys", type: "string", usage: "Override the key sequence for detaching a container" },
    { name: "sig-proxy", type: "bool", usage: "Proxy received signals to the process", default: true },
  ],
  async run(context, [image, ...command], flags) {
    const detach = flags.bool("detach");
    const stdin = flags.bool("interactive") && !detach;
    const tty = flags.bool("tty");
    if (tty && stdin && !context.io.stdin.isTty) {
      throw new StatusError(1, "the input device is not a TTY");
    }
    let id: string;
    try {
      const body = await createBody(context, image!, command, flags, { stdin, stdout: !detach, stderr: !detach });
      id = await createContainer(context, body, flags.optional("name"), flags.string("pull"));
    } catch (error) {
      throw runFailure(context, error, 125);
    }
    if (detach) {
      // The ID first, as Docker prints it: a start that fails still names what was created.
      await context.out(`${id}\n`);
      await start(context, id);
      return 0;
    }
    return runAttached(context, id, {
      tty,
      stdin,
      detachKeys: flags.optional("detach-keys"),
      condition: flags.bool("rm") ? "removed" : "next-exit",
      sigProxy: flags.bool("sig-proxy"),
      start: () => start(context, id),
    });
  },
};

async function start(context: CommandContext, id: string): Promise<void> {
  try {
    await context.api.containers.start(id);
  } catch (error) {
    throw runFailure(context, error, error instanceof DaemonError ? startStatus(error.message) : 125);
  }
}
