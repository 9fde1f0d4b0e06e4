import type { Verb } from "../../command";
import type { FlagSpec } from "../../flags/flag-spec";

const refused = (name: string, type: FlagSpec["type"]): FlagSpec => ({ name, type, usage: "", unsupported: true });

/** The daemon refuses it (501) until the guest's runtime can put a container on a network. */
export const connect: Verb = {
  name: "connect",
  usage: "[OPTIONS] NETWORK CONTAINER",
  short: "Connect a container to a network",
  args: { min: 2, max: 2 },
  flags: [refused("alias", "strings"), refused("driver-opt", "strings"), refused("gw-priority", "int"), refused("ip", "string"), refused("ip6", "string"), refused("link", "list"), refused("link-local-ip", "strings")],
  async run(context, [network, container]) {
    await context.api.networks.connect(network!, container!);
    return 0;
  },
};

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
