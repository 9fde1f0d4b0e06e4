import type { Disposable } from "../../shared/disposable";
import type { ByteStream } from "../../shared/byte-stream";
import type { ExchangeClient } from "../../shared/api-exchange";
import { serveConnection, type Handler } from "./http/server";
import type { ApiTap } from "./tap/api-tap";
import { tapConnection } from "./tap/tap-connection";
import type { GuestListener } from "../machine/agent-listeners";

/** The Engine API inside the guest: /var/run/docker.sock (/var/run is /run) and tcp://docker:2375. */
export const GUEST_API_SOCKET = "/run/docker.sock";
/** Every address, so `docker` in /etc/hosts (127.0.1.1) and 127.0.0.1 both answer. */
export const GUEST_API_TCP = "tcp://0.0.0.0:2375";

/**
 * Real sockets in the guest that drydock-agent holds for the daemon: each connection's bytes
 * reach the same HTTP server and router as the Node daemon's socket, so curl, a shell script or
 * any client in the guest speaks to the daemon the way the docker CLI does.
 */
export async function serveApiInGuest(guest: GuestListener, handle: Handler, tap?: ApiTap): Promise<Disposable> {
  const serve = (client: ExchangeClient) => (connection: ByteStream) => void serveConnection(tapConnection(connection, client, tap), handle);
  const unix = await guest.listen("api", GUEST_API_SOCKET, serve("guest socket"));
  const tcp = await guest.listen("api-tcp", GUEST_API_TCP, serve("tcp 2375"));
  return { dispose: () => (unix.dispose(), tcp.dispose()) };
}
