import { DrydockError } from "../../../shared/errors";
import { contains, formatAddr, macFor, masked, parseAddr, parsePrefix, size, type Prefix } from "../../network/ipv4";
import type { IpamRecord } from "./network-record";

// libnetwork ipamapi's errors, in its words and kinds.
export const noAvailableIps = () => new DrydockError("Unavailable", "No available addresses on this pool");
export const ipInUse = () => new DrydockError("Forbidden", "Address already in use");
export const ipOutOfRange = () => new DrydockError("InvalidParameter", "requested address is out of range");

/** An address given to a container: "172.18.0.2/16", its MAC, and the network's gateway. */
export interface Allocation {
  ipv4: string;
  mac: string;
  gateway: string;
}

/**
 * The next address of a network, as libnetwork's default IPAM gives them out for endpoints
 * (serially): the first free one after the last given, in the IP range if there is one (its
 * first address too, as libnetwork), else the subnet; the subnet's own address, its broadcast
 * address and the gateway never. After the
 * end it starts again from the beginning, so a released address comes back only then.
 */
export function nextAddress(ipam: IpamRecord, used: ReadonlySet<number>, lastAllocated: number | undefined): number {
  const subnet = prefixOf(ipam.subnet);
  const pool = ipam.ipRange ? prefixOf(ipam.ipRange) : subnet;
  const base = masked(subnet).addr;
  const first = Math.max(masked(pool).addr, base + 1);
  const last = Math.min(masked(pool).addr + size(pool) - 1, base + size(subnet) - 2);
  if (last < first) throw noAvailableIps();
  const gateway = parseAddr(ipam.gateway);
  const count = last - first + 1;
  const start = lastAllocated !== undefined && lastAllocated >= first && lastAllocated < last ? lastAllocated + 1 : first;
  for (let i = 0; i < count; i++) {
    const addr = first + ((start - first + i) % count);
    if (addr !== gateway && !used.has(addr)) return addr;
  }
  throw noAvailableIps();
}

/**
 * A requested address (a container's --ip): in the subnet (the IP range does not matter), not
 * one in use; the subnet's own address, its broadcast and the gateway are in use from the start.
 */
export function requestedAddress(ipam: IpamRecord, used: ReadonlySet<number>, requested: string): number {
  const addr = parseAddr(requested);
  if (addr === undefined) throw new DrydockError("InvalidParameter", `invalid IPv4 address: ${requested}`);
  const subnet = prefixOf(ipam.subnet);
  const base = masked(subnet).addr;
  if (!contains(subnet, addr)) throw ipOutOfRange();
  if (addr === base || addr === base + size(subnet) - 1 || addr === parseAddr(ipam.gateway) || used.has(addr)) throw ipInUse();
  return addr;
}

/** What an address is given as. */
export function allocation(ipam: IpamRecord, addr: number): Allocation {
  return { ipv4: `${formatAddr(addr)}/${prefixOf(ipam.subnet).bits}`, mac: macFor(addr), gateway: ipam.gateway };
}

/** The address of an endpoint's "172.18.0.2/16". */
export function endpointAddr(ipv4: string): number | undefined {
  return ipv4 ? parsePrefix(ipv4)?.addr : undefined;
}

function prefixOf(text: string): Prefix {
  const prefix = parsePrefix(text);
  if (!prefix) throw new Error(`a network's record holds ${text}, not an IPv4 prefix`);
  return prefix;
}
