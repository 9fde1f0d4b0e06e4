import type { Container } from "../../container/container";
import { answer, opcode, parseQuery, RecordType, ResponseCode } from "../../network/dns/dns-message";
import type { DaemonCore } from "../core";
import { dnsNames } from "../../container/network-settings";

/**
 * Docker's embedded DNS server, what 127.0.0.11 answers in a container on a user-defined
 * network: the names of the running containers on that network (name, network-scoped aliases,
 * short ID, hostname; also as NAME.NETWORK), and the container's own --link aliases. Any other
 * name answers NXDOMAIN at once: Docker would ask the host's resolvers, and the guest has none.
 * The default bridge's containers ask Docker's fallback nameservers, which know none of
 * theirs: NXDOMAIN for every name, as the offline guest cannot ask the real ones.
 */
export async function answerQuery(core: DaemonCore, containerId: string, bytes: Uint8Array): Promise<Uint8Array | undefined> {
  const query = parseQuery(bytes);
  if (!query) return undefined;
  if (query.name === "") return answer(query, ResponseCode.FormErr);
  if (opcode(query) !== 0) return answer(query, ResponseCode.NotImp);
  const addresses = await lookup(core, containerId, query.name);
  if (addresses.length === 0) return answer(query, ResponseCode.NxDomain);
  // A name that is there has no records of another type (AAAA: these networks have no IPv6).
  return answer(query, ResponseCode.NoError, query.type === RecordType.A ? addresses : []);
}

/** The addresses of `name` on the user-defined networks the asking container is on (NAME.NETWORK: that network's only). */
async function lookup(core: DaemonCore, askingId: string, name: string): Promise<string[]> {
  const asking = core.containers.has(askingId) ? core.containers.get(askingId) : undefined;
  const addresses = new Set<string>();
  for (const [network, endpoint] of asking?.endpoints ?? []) {
    if (network === "bridge") continue;
    const suffix = `.${network.toLowerCase()}`;
    const bare = name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
    const linked = linkTarget(asking!, bare);
    for (const peer of core.containers.list()) {
      const there = peer.state.Running ? peer.endpoints.get(network) : undefined;
      if (!there || there.networkId !== endpoint.networkId) continue;
      if (linked ? peer.name === linked : dnsNames(peer, network).some((known) => known.toLowerCase() === bare)) addresses.add(there.ipv4.split("/")[0]!);
    }
  }
  return [...addresses];
}

/** The container a --link alias of `asking` stands for ("/target"), if `name` is one. */
function linkTarget(asking: Container, name: string): string | undefined {
  for (const link of asking.config.HostConfig?.Links ?? []) {
    const [target = "", alias = ""] = link.split(":");
    if (alias.slice(alias.lastIndexOf("/") + 1).toLowerCase() === name) return target;
  }
  return undefined;
}
