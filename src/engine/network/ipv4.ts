/**
 * IPv4 addresses and prefixes as numbers, parsed as strictly as Go's net/netip parses them
 * (four decimal octets, no leading zeros; a prefix length without one either).
 */

export interface Prefix {
  /** The address as written (host bits may be set: "172.18.0.1/16"). */
  addr: number;
  bits: number;
}

/** netip.ParseAddr for IPv4; undefined for anything else (IPv6 included: see isIpv6). */
export function parseAddr(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/** netip.ParsePrefix for IPv4. */
export function parsePrefix(text: string): Prefix | undefined {
  const slash = text.indexOf("/");
  if (slash < 0) return undefined;
  const addr = parseAddr(text.slice(0, slash));
  const bitsText = text.slice(slash + 1);
  if (addr === undefined || !/^(0|[1-9][0-9]?)$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  return bits > 32 ? undefined : { addr, bits };
}

/** Whether the text looks like an IPv6 address or prefix (Drydock's networks are IPv4 only). */
export const isIpv6 = (text: string) => text.includes(":");

export const formatAddr = (addr: number) => [24, 16, 8, 0].map((shift) => Math.floor(addr / 2 ** shift) % 256).join(".");

export const formatPrefix = (prefix: Prefix) => `${formatAddr(prefix.addr)}/${prefix.bits}`;

/** How many addresses the prefix holds. */
export const size = (prefix: Prefix) => 2 ** (32 - prefix.bits);

/** The prefix with its host bits cleared (netip.Prefix.Masked). */
export function masked(prefix: Prefix): Prefix {
  return { addr: prefix.addr - (prefix.addr % size(prefix)), bits: prefix.bits };
}

export function contains(prefix: Prefix, addr: number): boolean {
  const base = masked(prefix).addr;
  return addr >= base && addr < base + size(prefix);
}

export function overlaps(a: Prefix, b: Prefix): boolean {
  return contains(a, masked(b).addr) || contains(b, masked(a).addr);
}

/** Docker 27's MAC for an address: 02:42 and the address's four bytes (netutils.GenerateMACFromIP). */
export function macFor(addr: number): string {
  return ["02", "42", ...formatAddr(addr).split(".").map((octet) => Number(octet).toString(16).padStart(2, "0"))].join(":");
}
