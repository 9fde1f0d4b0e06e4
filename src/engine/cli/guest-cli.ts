import type { ByteStream } from "../../shared/byte-stream";
import type { Disposable } from "../../shared/disposable";
import { DrydockError } from "../../shared/errors";
import { runCli } from "./cli";
import { serveShimSession } from "./shim/shim-session";

/** Where the guest's /usr/bin/docker shim connects (drydock-agent listens there for the engine). */
export const SHIM_SOCKET = "/run/drydock/cli.sock";

/** The addresses that reach this engine's daemon from the guest's shell. */
const LOCAL_HOSTS = ["unix:///var/run/docker.sock", "unix:///run/docker.sock"];

export interface GuestListener {
  listen(name: string, path: string, onConnection: (connection: ByteStream) => void): Promise<Disposable>;
}

/**
 * `docker` in the guest's shell: each shim connection runs the CLI here, in the engine, whose
 * requests reach the daemon as HTTP/1.1 bytes over `dialDaemon` (the same router a socket has).
 */
export function serveGuestCli(agent: GuestListener, dialDaemon: () => Promise<ByteStream>): Promise<Disposable> {
  return agent.listen("cli", SHIM_SOCKET, (connection) =>
    serveShimSession(connection, (args, io, lost) =>
      runCli(args, io, {
        aborted: lost,
        connect: (host) => () => (LOCAL_HOSTS.includes(host) ? dialDaemon() : Promise.reject(new DrydockError("Unavailable", `${host} cannot be reached from the guest`))),
      }),
    ),
  );
}
