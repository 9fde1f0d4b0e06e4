import type { GuestListener } from "../machine/agent-listeners";
import { pipeToContainer, type PortPublisher } from "./port-publisher";

/**
 * Published ports in the guest, docker-proxy's part: the agent listens on the guest's ip:port and
 * each connection is piped to the container, so `wget localhost:8080` in the guest's shell reaches it.
 */
export function guestPorts(guest: GuestListener): PortPublisher {
  return {
    publish: (ip, port, dial) => guest.listen(`port-${ip}:${port}`, `tcp://${ip}:${port}`, (connection) => void pipeToContainer(connection, dial)),
  };
}
