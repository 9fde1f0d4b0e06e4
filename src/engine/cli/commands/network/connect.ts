import type { Verb } from "../../command";
import type { FlagSpec } from "../../flags/flag-spec";

const refused = (name: string, type: FlagSpec["type"]): FlagSpec => ({ name, type, usage: "", unsupported: true });

export const connect: Verb = {
  name: "connect",
  usage: "[OPTIONS] NETWORK CONTAINER",
  short: "Connect a container to a network",
  args: { min: 2, max: 2 },
  flags: [
    { name: "alias", type: "list", usage: "Add network-scoped alias for the container" },
    { name: "ip", type: "string", usage: "IPv4 address (e.g., \"172.30.100.104\")" },
    refused("driver-opt", "strings"),
    refused("gw-priority", "int"),
    refused("ip6", "string"),
    refused("link", "list"),
    refused("link-local-ip", "strings"),
  ],
  async run(context, [network, container], flags) {
    const aliases = flags.list("alias");
    const ip = flags.string("ip");
    await context.api.networks.connect(network!, container!, { ...(aliases.length ? { Aliases: aliases } : {}), ...(ip ? { IPAMConfig: { IPv4Address: ip } } : {}) });
    return 0;
  },
};
