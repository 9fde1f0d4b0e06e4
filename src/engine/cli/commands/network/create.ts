import type { IpamConfig } from "../../../../shared/engine-api/networks";
import type { Verb } from "../../command";
import { StatusError } from "../../errors";
import type { FlagSpec } from "../../flags/flag-spec";
import { checkLabel } from "../image/build";
import { contains, parseAddr, parsePrefix, masked } from "../../../network/ipv4";

/** docker network create's flags Drydock does not act on: parsed as Docker parses them, then refused. */
const REFUSED: FlagSpec[] = [
  { name: "aux-address", type: "map", usage: "", unsupported: true },
  { name: "config-from", type: "string", usage: "", unsupported: true },
  { name: "config-only", type: "bool", usage: "", unsupported: true },
  { name: "ingress", type: "bool", usage: "", unsupported: true },
  { name: "ipam-driver", type: "string", usage: "", unsupported: true },
  { name: "ipam-opt", type: "map", usage: "", unsupported: true },
  { name: "scope", type: "string", usage: "", unsupported: true },
];

export const create: Verb = {
  name: "create",
  usage: "[OPTIONS] NETWORK",
  short: "Create a network",
  args: { min: 1, max: 1 },
  flags: [
    { name: "attachable", type: "bool", usage: "Enable manual container attachment" },
    { name: "driver", short: "d", type: "string", usage: "Driver to manage the Network", default: "bridge" },
    { name: "gateway", type: "strings", usage: "IPv4 or IPv6 Gateway for the master subnet" },
    { name: "internal", type: "bool", usage: "Restrict external access to the network" },
    { name: "ip-range", type: "strings", usage: "Allocate container ip from a sub-range" },
    { name: "ipv4", type: "bool", usage: "Enable or disable IPv4 address assignment", default: true },
    { name: "ipv6", type: "bool", usage: "Enable or disable IPv6 address assignment" },
    { name: "label", type: "list", usage: "Set metadata on a network", check: checkLabel },
    { name: "opt", short: "o", type: "map", usage: "Set driver specific options", default: "map[]" },
    { name: "subnet", type: "strings", usage: "Subnet in CIDR format that represents a network segment" },
    ...REFUSED,
  ],
  async run(context, [name], flags) {
    const config = ipamConfig(flags.strings("subnet"), flags.strings("ip-range"), flags.strings("gateway"));
    const labels: Record<string, string> = {};
    for (const label of flags.list("label")) {
      const at = label.indexOf("=");
      labels[at < 0 ? label : label.slice(0, at)] = at < 0 ? "" : label.slice(at + 1);
    }
    const created = await context.api.networks.create({
      Name: name!,
      Driver: flags.string("driver"),
      Scope: "",
      ...(flags.changed("ipv4") ? { EnableIPv4: flags.bool("ipv4") } : {}),
      ...(flags.changed("ipv6") ? { EnableIPv6: flags.bool("ipv6") } : {}),
      IPAM: { Driver: "default", Config: config, Options: {} },
      Internal: flags.bool("internal"),
      Attachable: flags.bool("attachable"),
      Ingress: false,
      ConfigOnly: false,
      ConfigFrom: null,
      Options: flags.pairs("opt"),
      Labels: labels,
    });
    await context.out(`${created.Id}\n`);
    return 0;
  },
};

/**
 * docker/cli's createIPAMConfig: each --ip-range and --gateway goes with the --subnet that holds
 * it, checked on the client's side in its words. (net.ParseCIDR's errors are for IPv4 here.)
 */
function ipamConfig(subnets: string[], ranges: string[], gateways: string[]): IpamConfig[] {
  if (subnets.length < ranges.length || subnets.length < gateways.length) throw new StatusError(1, "every ip-range or gateway must have a corresponding subnet");
  const configs = new Map<string, IpamConfig>();
  const cidr = (text: string) => {
    const prefix = parsePrefix(text);
    if (!prefix && !text.includes(":")) throw new StatusError(1, `invalid CIDR address: ${text}`);
    return prefix;
  };
  const subnetCidr = (text: string) => {
    const prefix = parsePrefix(text);
    if (!prefix && !text.includes(":")) throw new StatusError(1, `invalid subnet: invalid CIDR address: ${text}`);
    return prefix;
  };
  // subnetMatches(subnet, data): whether the subnet holds the address (or the prefix's address).
  const matches = (subnet: string, data: string) => {
    const s = subnetCidr(subnet);
    const addr = data.includes("/") ? cidr(data)?.addr : parseAddr(data);
    return s !== undefined && addr !== undefined && contains(masked(s), addr);
  };
  for (const subnet of subnets) {
    for (const other of configs.keys()) {
      if (matches(subnet, other.split("/")[0]!) || matches(other, subnet.split("/")[0]!)) throw new StatusError(1, "multiple overlapping subnet configuration is not supported");
    }
    configs.set(subnet, { Subnet: subnet, AuxiliaryAddresses: {} });
  }
  const place = (values: string[], key: "IPRange" | "Gateway", what: string, multiple: (value: string, before: string, subnet: string) => string) => {
    for (const value of values) {
      if (key === "IPRange") cidr(value);
      let found = false;
      for (const subnet of subnets) {
        if (!matches(subnet, value)) continue;
        const config = configs.get(subnet)!;
        if (config[key]) throw new StatusError(1, multiple(value, config[key], subnet));
        config[key] = value;
        found = true;
      }
      if (!found) throw new StatusError(1, `no matching subnet for ${what} ${value}`);
    }
  };
  place(ranges, "IPRange", "range", (r, before, s) => `cannot configure multiple ranges (${r}, ${before}) on the same subnet (${s})`);
  place(gateways, "Gateway", "gateway", (g, before, s) => `cannot configure multiple gateways (${g}, ${before}) for the same subnet (${s})`);
  return [...configs.values()];
}
