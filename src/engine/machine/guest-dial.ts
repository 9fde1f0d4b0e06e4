import type { ByteStream } from "../../shared/byte-stream";
import type { AgentChannel } from "./agent-channel";
import type { ForwardTarget } from "./agent-protocol";
import { AgentStream, connectionStream, OUTPUT_WINDOW } from "./agent-stream";

/** A UNIX socket's path, or TCP to a host (an IPv4 address or a name in the guest's /etc/hosts). */
export type GuestTarget = { path: string } | { host: string; port: number };

/**
 * A connection made from inside the guest by drydock-agent, as a program in the guest's shell
 * would make it: what `docker -H` reaches from there is what the guest can reach.
 */
export async function dialInGuest(agent: AgentChannel, target: GuestTarget): Promise<ByteStream> {
  const where = "path" in target ? { path: target.path } : { address: target.host, port: target.port };
  return connectionStream(await openForward(agent, where));
}

/**
 * The agent's forward: a connection it makes (`where`: a path, or an address and port, in a
 * container's network when `id` is given) carried as a stream.
 */
export async function openForward(agent: AgentChannel, where: ForwardTarget): Promise<AgentStream> {
  const stream = new AgentStream(agent);
  try {
    await agent.request({ op: "forward", stream: stream.id, window: OUTPUT_WINDOW, ...where });
  } catch (error) {
    stream.abandon();
    throw error;
  }
  return stream;
}
