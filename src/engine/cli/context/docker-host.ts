import { parseGoUrl } from "./go-url";

/** A -H or DOCKER_HOST docker refuses; the message is docker's ("invalid bind address format: x"). */
export class HostError extends Error {}

const DEFAULT_UNIX_SOCKET = "/var/run/docker.sock";
const DEFAULT_TCP = { hostname: "localhost", port: "2375" };

/**
 * -H and DOCKER_HOST as docker reads them: empty is `fallback`; no protocol means tcp; tcp
 * fills in what is missing from localhost:2375 (tcp://127.0.0.1 is tcp://127.0.0.1:2375, :5
 * is tcp://localhost:5); unix:// alone is /var/run/docker.sock. A context's host, by contrast,
 * is used as written.
 */
export function normalizeHost(host: string, fallback: string): string {
  const text = host.trim();
  if (text === "") return fallback;
  const sep = text.indexOf("://");
  const [proto, addr] = sep < 0 ? ["tcp", text] : [text.slice(0, sep), text.slice(sep + 3)];
  switch (proto) {
    case "tcp": {
      const url = parseGoUrl(`tcp://${addr}`);
      const [hostname, port] = splitHostPort(url.host, addr);
      return `tcp://${joinHostPort(hostname || DEFAULT_TCP.hostname, port || DEFAULT_TCP.port)}${url.path}`;
    }
    case "unix":
      if (addr.includes("://")) throw new HostError(`invalid proto, expected unix: ${addr}`);
      return `unix://${addr || DEFAULT_UNIX_SOCKET}`;
    case "ssh":
    case "fd":
    case "npipe":
      // Known to docker, kept as given; Drydock's CLI cannot reach them and says so when it tries.
      return text;
    default:
      throw new HostError(`invalid bind address format: ${text}`);
  }
}

/**
 * net.SplitHostPort as docker leans on it: "h:5" is h and 5, "[::1]:5" is ::1 and 5; what it
 * cannot split ("h", "h:5:6") is all host, "[::1]" alone is refused.
 */
function splitHostPort(host: string, addr: string): [string, string] {
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(host);
  if (bracketed) {
    if (bracketed[2] === undefined) throw new HostError(`invalid bind address format: ${addr}`);
    return [bracketed[1]!, bracketed[2]];
  }
  const colons = host.split(":").length - 1;
  return colons === 1 ? (host.split(":") as [string, string]) : [host, ""];
}

function joinHostPort(hostname: string, port: string): string {
  return `${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`;
}

/**
 * A context's host= as docker takes it (kept as written): Go's URL parser must read it, and
 * it must name a protocol and an address.
 */
export function checkContextHost(host: string): void {
  try {
    parseGoUrl(host);
  } catch (error) {
    throw new HostError(`invalid docker endpoint options: ${error instanceof Error ? error.message : String(error)}`);
  }
  const sep = host.indexOf("://");
  if (sep < 0 || sep + 3 === host.length) throw new HostError(`unable to apply docker endpoint options: unable to parse docker host \`${host}\``);
}
