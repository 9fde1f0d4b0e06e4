import { DrydockError } from "../../../shared/errors";
import type { IpamConfig, NetworkCreateRequest } from "../../../shared/engine-api/networks";
import { contains, formatAddr, formatPrefix, isIpv6, masked, overlaps, parseAddr, parsePrefix, type Prefix } from "../../network/ipv4";
import type { IpamRecord, NetworkRecord } from "./network-record";

/** The networks Docker always has, which cannot be made, removed or pruned. */
export const PREDEFINED = new Set(["bridge", "host", "none"]);

/** Docker's default local address pools: a /16 each from 172.17 to 172.31, then 192.168.0.0/16 in /20s. */
export function defaultPools(): Prefix[] {
  const pools: Prefix[] = [];
  for (let second = 17; second <= 31; second++) pools.push({ addr: ((172 * 256 + second) * 256) * 256, bits: 16 });
  for (let third = 0; third < 256; third += 16) pools.push({ addr: ((192 * 256 + 168) * 256 + third) * 256, bits: 20 });
  return pools;
}

/**
 * Bridge options Drydock takes when they ask for what it does anyway (Docker's defaults); any
 * other option asks for something Drydock does not do, and is refused.
 */
const DEFAULT_OPTIONS: Record<string, string> = {
  "com.docker.network.bridge.enable_icc": "true",
  "com.docker.network.bridge.enable_ip_masquerade": "true",
  "com.docker.network.bridge.host_binding_ipv4": "0.0.0.0",
  "com.docker.network.driver.mtu": "1500",
  "com.docker.network.enable_ipv6": "false",
};

const invalid = (message: string) => new DrydockError("InvalidParameter", message);
const forbidden = (message: string) => new DrydockError("Forbidden", message);
const notSupported = (what: string) => new DrydockError("NotImplemented", `Drydock does not support ${what} yet`);

/**
 * A new network's record from a create request, checked as Docker 27 checks one (moby's
 * daemon.createNetwork, ValidateIPAM and libnetwork's NewNetwork, in that order, in their
 * words), then for what Drydock does not do. `existing` are the daemon's networks.
 */
export function newNetwork(request: NetworkCreateRequest, existing: readonly NetworkRecord[], id: string, created: string): NetworkRecord {
  const name = request.Name ?? "";
  if (PREDEFINED.has(name)) throw forbidden(`operation is not permitted on predefined ${name} network `);
  const driver = request.Driver || "bridge";
  if (driver === "overlay") throw forbidden(`This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.`);
  const options = { ...(request.Options ?? {}) };
  const ipv6Option = options["com.docker.network.enable_ipv6"];
  if (request.EnableIPv6 === undefined && ipv6Option !== undefined && !["1", "t", "T", "true", "TRUE", "True", "0", "f", "F", "false", "FALSE", "False"].includes(ipv6Option)) {
    throw invalid(`driver-opt "com.docker.network.enable_ipv6" is not a valid bool`);
  }
  const enableIpv6 = request.EnableIPv6 ?? ["1", "t", "T", "true", "TRUE", "True"].includes(ipv6Option ?? "");
  validateIpam(request.IPAM?.Config ?? [], enableIpv6);
  if (name.trim() === "") throw invalid(`invalid name: ${name}`);
  if (existing.some((network) => network.name === name)) throw new DrydockError("Conflict", `network with name ${name} already exists`);
  if (driver === "host" || driver === "null") throw forbidden(`only one instance of "${driver}" network is allowed`);
  if (["macvlan", "ipvlan"].includes(driver)) throw notSupported(`the ${driver} network driver`);
  if (driver !== "bridge") throw new DrydockError("NotFound", `could not find plugin ${driver} in v1 plugin registry: plugin not found`);

  // What Drydock does not do.
  if (request.Scope && request.Scope !== "local") {
    if (request.Scope === "swarm") throw forbidden("cannot create a swarm scoped network when swarm is not active");
    throw notSupported(`Scope ${request.Scope} (--scope)`);
  }
  if (request.Ingress) throw forbidden("Ingress network can only be global scope network");
  if (request.ConfigOnly) throw notSupported("ConfigOnly (--config-only)");
  if (request.ConfigFrom?.Network) throw notSupported("ConfigFrom (--config-from)");
  if (enableIpv6) throw notSupported("EnableIPv6 (--ipv6)");
  if (request.EnableIPv4 === false) throw notSupported("EnableIPv4 false (--ipv4=false)");
  for (const [option, value] of Object.entries(options)) {
    if (DEFAULT_OPTIONS[option] !== value) throw notSupported(`the network option ${option}=${value} (--opt)`);
  }
  const ipamDriver = request.IPAM?.Driver || "default";
  if (ipamDriver !== "default") throw notSupported(`the IPAM driver ${ipamDriver} (--ipam-driver)`);
  if (Object.keys(request.IPAM?.Options ?? {}).length) throw notSupported("IPAM Options (--ipam-opt)");
  const configs = request.IPAM?.Config ?? [];
  if (configs.some((config) => isIpv6(config.Subnet ?? ""))) throw notSupported("IPv6 subnets");
  if (configs.length > 1) throw notSupported("more than one subnet on a network");
  if (configs.some((config) => Object.keys(config.AuxiliaryAddresses ?? {}).length)) throw notSupported("IPAM AuxiliaryAddresses (--aux-address)");

  const ipam = configs.length ? givenIpam(configs[0]!, existing) : { subnet: formatPrefix(freePool(existing)), gateway: "" };
  if (!ipam.gateway) ipam.gateway = formatAddr(firstHost(ipam));
  return {
    id,
    name,
    created,
    driver: "bridge",
    internal: request.Internal ?? false,
    attachable: request.Attachable ?? false,
    ipamOptions: request.IPAM?.Options ?? null,
    ipam,
    subnetGiven: configs.length > 0,
    options,
    labels: { ...(request.Labels ?? {}) },
    endpoints: {},
  };
}

/** moby's network.ValidateIPAM: every problem found, joined as its multierror joins them. */
export function validateIpam(configs: readonly IpamConfig[], enableIpv6: boolean): void {
  const errors: string[] = [];
  for (const config of configs) {
    const subnetText = config.Subnet ?? "";
    if (isIpv6(subnetText)) {
      // Docker checks IPv6 subnets only when IPv6 is on; Drydock refuses them after.
      if (enableIpv6) errors.push(`invalid subnet ${subnetText}: Drydock's networks are IPv4 only`);
      continue;
    }
    const subnet = parsePrefix(subnetText);
    if (!subnet) {
      errors.push(`invalid subnet ${subnetText}: invalid CIDR block notation`);
      continue;
    }
    if (masked(subnet).addr !== subnet.addr) errors.push(`invalid subnet ${formatPrefix(subnet)}: it should be ${formatPrefix(masked(subnet))}`);
    errors.push(...ipRangeErrors(config.IPRange ?? "", subnet));
    const gateway = addressError(config.Gateway ?? "", subnet);
    if (gateway) errors.push(`invalid gateway ${config.Gateway}: ${gateway}`);
    for (const [aux, address] of Object.entries(config.AuxiliaryAddresses ?? {})) {
      const problem = addressError(address, subnet);
      if (problem) errors.push(`invalid auxiliary address ${aux}: ${problem}`);
    }
  }
  if (errors.length === 0) return;
  const joined = errors.length === 1 ? errors[0]!.trim() : "* " + errors.map((error) => error.replaceAll("\n", "\n\t")).join("\n* ");
  throw invalid(`invalid network config:\n${joined}`);
}

function ipRangeErrors(text: string, subnet: Prefix): string[] {
  if (text === "") return [];
  if (isIpv6(text)) return [`invalid ip-range ${text}: parent subnet is an IPv4 block`];
  const range = parsePrefix(text);
  if (!range) return [`invalid ip-range ${text}: invalid CIDR block notation`];
  const errors: string[] = [];
  const parent = formatPrefix(subnet);
  if (range.bits < subnet.bits) errors.push(`invalid ip-range ${text}: CIDR block is bigger than its parent subnet ${parent}`);
  if (masked(range).addr !== range.addr) errors.push(`invalid ip-range ${formatPrefix(range)}: it should be ${formatPrefix(masked(range))}`);
  if (!overlaps(subnet, range)) errors.push(`invalid ip-range ${text}: parent subnet ${parent} doesn't contain ip-range`);
  return errors;
}

function addressError(text: string, subnet: Prefix): string | undefined {
  if (text === "") return undefined;
  if (isIpv6(text)) return "parent subnet is an IPv4 block";
  const addr = parseAddr(text);
  if (addr === undefined) return "invalid address";
  if (!contains(subnet, addr)) return `parent subnet ${formatPrefix(subnet)} doesn't contain this address`;
  return undefined;
}

/** The subnet asked for, unless another network's overlaps it (libnetwork's ErrPoolOverlap). */
function givenIpam(config: IpamConfig, existing: readonly NetworkRecord[]): IpamRecord {
  const subnet = parsePrefix(config.Subnet!)!;
  if (existing.some((network) => network.ipam && overlaps(parsePrefix(network.ipam.subnet)!, subnet))) {
    throw forbidden("Pool overlaps with other one on this address space");
  }
  return { subnet: config.Subnet!, gateway: config.Gateway ?? "", ...(config.IPRange ? { ipRange: config.IPRange } : {}) };
}

/** The first of Docker's default pools no network's subnet overlaps. */
function freePool(existing: readonly NetworkRecord[]): Prefix {
  const taken = existing.flatMap((network) => (network.ipam ? [parsePrefix(network.ipam.subnet)!] : []));
  const pool = defaultPools().find((candidate) => !taken.some((subnet) => overlaps(subnet, candidate)));
  if (!pool) throw invalid("all predefined address pools have been fully subnetted");
  return pool;
}

/** The gateway libnetwork picks when none is given: the first address of the IP range, else of the subnet. */
function firstHost(ipam: IpamRecord): number {
  const subnet = masked(parsePrefix(ipam.subnet)!);
  const pool = ipam.ipRange ? masked(parsePrefix(ipam.ipRange)!) : subnet;
  return Math.max(pool.addr, subnet.addr + 1);
}
