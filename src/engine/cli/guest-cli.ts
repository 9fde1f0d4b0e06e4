import type { ExchangeClient } from "../../shared/api-exchange";
import type { ByteStream } from "../../shared/byte-stream";
import type { Disposable } from "../../shared/disposable";
import { DrydockError } from "../../shared/errors";
import type { GuestListener } from "../machine/agent-listeners";
import type { GuestTarget } from "../machine/guest-dial";
import { runCli } from "./cli";
import { serveShimSession } from "./shim/shim-session";

/** Where the guest's /usr/bin/docker shim connects (drydock-agent listens there for the engine). */
export const SHIM_SOCKET = "/run/drydock/cli.sock";

/**
 * In the environment of a lesson's check (runInGuest): its `docker` commands reach the daemon as
 * the lesson's, so the architecture view and the request checks do not take them for the learner's.
 */
const LESSON_CHECK_VAR = "DRYDOCK_LESSON_CHECK";
export const LESSON_CHECK_ENV = `${LESSON_CHECK_VAR}=1`;

/** The addresses of this engine's daemon in the guest (guest-api.ts), reached without a detour. */
const LOCAL_HOSTS = ["unix:///var/run/docker.sock", "unix:///run/docker.sock"];

export interface GuestSockets extends GuestListener {
  /** A connection made inside the guest, as its programs make them. */
  dial(target: GuestTarget): Promise<ByteStream>;
}

/**
 * `docker` in the guest's shell: each shim connection runs the CLI here, in the engine. The
 * daemon's own socket is reached through `dialDaemon` (the same router, as HTTP/1.1 bytes, its
 * connections named for who made them); any other -H or context is dialled from inside the
 * guest, as the real CLI there would.
 */
export function serveGuestCli(guest: GuestSockets, dialDaemon: (client: ExchangeClient) => Promise<ByteStream>): Promise<Disposable> {
  return guest.listen("cli", SHIM_SOCKET, (connection) =>
    serveShimSession(connection, (args, io, lost) => {
      const client = io.env[LESSON_CHECK_VAR] === "1" ? "lesson check" : "docker CLI";
      return runCli(args, io, {
        aborted: lost,
        connect: (host) => () => (LOCAL_HOSTS.includes(host) ? dialDaemon(client) : dialHost(guest, host)),
      });
    }),
  );
}

function dialHost(guest: GuestSockets, host: string): Promise<ByteStream> {
  if (host.startsWith("unix://")) return guest.dial({ path: host.slice("unix://".length) });
  const tcp = /^tcp:\/\/([^:/]+):(\d+)\/?$/.exec(host);
  if (tcp) return guest.dial({ host: tcp[1]!, port: Number(tcp[2]) });
  return Promise.reject(new DrydockError("InvalidParameter", `unsupported protocol in ${host}`));
}
