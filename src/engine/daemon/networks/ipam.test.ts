import { describe, expect, it } from "vitest";
import { macFor, parseAddr, parsePrefix } from "../../network/ipv4";
import { allocation, nextAddress, requestedAddress } from "./ipam";

const addr = (text: string) => parseAddr(text)!;
const used = (...texts: string[]) => new Set(texts.map(addr));
const at = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");

describe("network addresses", () => {
  it("parses IPv4 addresses and prefixes as strictly as Go's netip", () => {
    expect(parseAddr("172.18.0.2")).toBe(0xac120002);
    for (const bad of ["172.18.0", "172.18.0.256", "172.018.0.1", "a.b.c.d", "1.2.3.4.5", ""]) expect(parseAddr(bad)).toBeUndefined();
    expect(parsePrefix("10.0.0.0/8")).toEqual({ addr: 0x0a000000, bits: 8 });
    for (const bad of ["10.0.0.0", "10.0.0.0/33", "10.0.0.0/08", "10.0.0.0/"]) expect(parsePrefix(bad)).toBeUndefined();
  });

  it("makes Docker 27's MAC from the address", () => {
    expect(macFor(addr("172.18.0.2"))).toBe("02:42:ac:12:00:02");
  });
});

describe("the IPAM allocator", () => {
  const ipam = { subnet: "172.18.0.0/16", gateway: "172.18.0.1" };

  it("gives the first free address after the gateway, with the subnet's length, MAC and gateway", () => {
    const first = nextAddress(ipam, used(), undefined);
    expect(allocation(ipam, first)).toEqual({ ipv4: "172.18.0.2/16", mac: "02:42:ac:12:00:02", gateway: "172.18.0.1" });
  });

  it("hands addresses out in turn: a released one comes back only after the end (libnetwork's serial allocation)", () => {
    const small = { subnet: "10.0.0.0/29", gateway: "10.0.0.1" };
    const given: string[] = [];
    let last: number | undefined;
    const taken = new Set<number>();
    for (let i = 0; i < 5; i++) {
      last = nextAddress(small, taken, last);
      taken.add(last);
      given.push(at(last));
    }
    expect(given).toEqual(["10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6"]);
    expect(() => nextAddress(small, taken, last)).toThrow("No available addresses on this pool");
    taken.delete(addr("10.0.0.3"));
    expect(at(nextAddress(small, taken, last))).toBe("10.0.0.3");
  });

  it("keeps to the IP range, never the subnet's own address, broadcast or gateway", () => {
    const ranged = { subnet: "10.5.0.0/24", gateway: "10.5.0.129", ipRange: "10.5.0.128/30" };
    expect(at(nextAddress(ranged, used(), undefined))).toBe("10.5.0.128");
    expect(at(nextAddress(ranged, used("10.5.0.128"), addr("10.5.0.128")))).toBe("10.5.0.130");
    const whole = { subnet: "10.6.0.0/30", gateway: "10.6.0.1" };
    expect(at(nextAddress(whole, used(), undefined))).toBe("10.6.0.2");
    expect(() => nextAddress(whole, used("10.6.0.2"), addr("10.6.0.2"))).toThrow("No available addresses on this pool");
  });

  it("gives a requested address in the subnet, even outside the range, in libnetwork's words otherwise", () => {
    const ranged = { subnet: "10.5.0.0/24", gateway: "10.5.0.1", ipRange: "10.5.0.128/25" };
    expect(at(requestedAddress(ranged, used(), "10.5.0.9"))).toBe("10.5.0.9");
    expect(() => requestedAddress(ranged, used("10.5.0.9"), "10.5.0.9")).toThrow("Address already in use");
    expect(() => requestedAddress(ranged, used(), "10.5.0.1")).toThrow("Address already in use");
    expect(() => requestedAddress(ranged, used(), "10.6.0.9")).toThrow("requested address is out of range");
    expect(() => requestedAddress(ranged, used(), "10.5.0.255")).toThrow("Address already in use");
  });
});
