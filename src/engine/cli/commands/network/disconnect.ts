import type { Verb } from "../../command";

export const disconnect: Verb = {
  name: "disconnect",
  usage: "[OPTIONS] NETWORK CONTAINER",
  short: "Disconnect a container from a network",
  args: { min: 2, max: 2 },
  flags: [{ name: "force", short: "f", type: "bool", usage: "Force the container to disconnect from a network" }],
  async run(context, [network, container], flags) {
    await context.api.networks.disconnect(network!, container!, { force: flags.bool("force") });
    return 0;
  },
};
