import type { Verb } from "../../command";
import { StatusError } from "../../errors";
import { runAttached } from "./attached";

export const attach: Verb = {
  name: "attach",
  usage: "[OPTIONS] CONTAINER",
  short: "Attach local standard input, output, and error streams to a running container",
  args: { min: 1, max: 1 },
  flags: [
    { name: "detach-keys", type: "string", usage: "Override the key sequence for detaching a container" },
    { name: "no-stdin", type: "bool", usage: "Do not attach STDIN" },
    { name: "sig-proxy", type: "bool", usage: "Proxy all received signals to the process", default: true },
  ],
  async run(context, [name], flags) {
    const container = await context.api.containers.inspect(name!);
    if (!container.State.Running) throw new StatusError(1, "You cannot attach to a stopped container, start it first");
    if (container.State.Paused) throw new StatusError(1, "You cannot attach to a paused container, unpause it first");
    return runAttached(context, container.Id, {
      tty: Boolean(container.Config.Tty),
      stdin: !flags.bool("no-stdin") && Boolean(container.Config.OpenStdin),
      detachKeys: flags.optional("detach-keys"),
      sigProxy: flags.bool("sig-proxy"),
    });
  },
};
