import type { CommandContext, Verb } from "../../command";
import { DaemonError } from "../../../client/errors";
import { StatusError } from "../../errors";
import { runAttached } from "./attached";
import { forEachName } from "./each";
import { startStatus } from "./run-failure";

export const start: Verb = {
  name: "start",
  usage: "[OPTIONS] CONTAINER [CONTAINER...]",
  short: "Start one or more stopped containers",
  args: { min: 1 },
  flags: [
    { name: "attach", short: "a", type: "bool", usage: "Attach STDOUT/STDERR and forward signals" },
    { name: "detach-keys", type: "string", usage: "Override the key sequence for detaching a container" },
    { name: "interactive", short: "i", type: "bool", usage: "Attach container's STDIN" },
  ],
  async run(context, names, flags) {
    if (flags.bool("attach") || flags.bool("interactive")) {
      if (names.length > 1) throw new StatusError(1, "you cannot start and attach multiple containers at once");
      return startAttached(context, names[0]!, flags.bool("interactive"), flags.optional("detach-keys"));
    }
    return forEachName(
      context,
      names,
      async (name) => (await context.api.containers.start(name), `${name}\n`),
      { summary: (failed) => `Error: failed to start containers: ${failed.join(", ")}` },
    );
  },
};

/** docker start -a [-i]: like the attached half of docker run, for a container that exists. */
async function startAttached(context: CommandContext, name: string, interactive: boolean, detachKeys: string | undefined): Promise<number> {
  const container = await context.api.containers.inspect(name);
  return runAttached(context, container.Id, {
    tty: Boolean(container.Config.Tty),
    stdin: interactive && Boolean(container.Config.OpenStdin),
    detachKeys,
    condition: container.HostConfig?.AutoRemove ? "removed" : "next-exit",
    sigProxy: true,
    start: async () => {
      try {
        await context.api.containers.start(container.Id);
      } catch (error) {
        if (error instanceof DaemonError) throw new StatusError(startStatus(error.message), `${error.line}\nError: failed to start containers: ${name}`);
        throw error;
      }
    },
  });
}
