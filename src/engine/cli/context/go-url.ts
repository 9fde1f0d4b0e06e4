import { goQuote } from "../../../shared/go-quote";

/** The parts of a URL docker reads from a host address. */
export interface GoUrl {
  /** Lower-cased, as Go keeps it; "" when there is none. */
  scheme: string;
  /** The host and port as written, without the user. */
  host: string;
  /** The host without port or brackets. */
  hostname: string;
  port: string;
  path: string;
}

/** A URL Go's url.Parse refuses; the message is Go's: `parse "tcp://h:x": invalid port ":x" after host`. */
export class GoUrlError extends Error {}

/**
 * Go's url.Parse, as far as docker's host addresses need it: the same refusals in the same
 * words, and the scheme, host, port and path of what it accepts.
 */
export function parseGoUrl(raw: string): GoUrl {
  const fail = (why: string): never => {
    throw new GoUrlError(`parse ${goQuote(raw)}: ${why}`);
  };
  if (/[\x00-\x1f\x7f]/.test(raw)) fail("net/url: invalid control character in URL");
  let rest = raw.split("#")[0]!;
  const [scheme, afterScheme] = splitScheme(rest, fail);
  rest = afterScheme.split("?")[0]!;
  const url: GoUrl = { scheme: scheme.toLowerCase(), host: "", hostname: "", port: "", path: "" };
  if (!rest.startsWith("/")) {
    // "tcp:x" is opaque; without a scheme, "127.0.0.1:5" reads as a path Go refuses.
    if (scheme === "" && rest.split("/")[0]!.includes(":")) fail("first path segment in URL cannot contain colon");
    return url;
  }
  if ((scheme !== "" || !rest.startsWith("///")) && rest.startsWith("//")) {
    const slash = rest.indexOf("/", 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? "" : rest.slice(slash);
    const at = authority.lastIndexOf("@");
    if (at >= 0 && !/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(authority.slice(0, at))) fail("net/url: invalid userinfo");
    url.host = authority.slice(at + 1);
    Object.assign(url, parseHost(url.host, fail));
  }
  const badEscape = /%(?![0-9A-Fa-f]{2})/.exec(rest);
  if (badEscape) fail(`invalid URL escape ${goQuote(rest.slice(badEscape.index, badEscape.index + 3))}`);
  url.path = rest;
  return url;
}

// Go's getScheme: letters, then letters, digits, "+", "-" or "."; anything else means no scheme.
function splitScheme(raw: string, fail: (why: string) => never): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return ["", raw];
      continue;
    }
    if (c === ":") {
      if (i === 0) fail("missing protocol scheme");
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ["", raw];
  }
  return ["", raw];
}

function parseHost(host: string, fail: (why: string) => never): { hostname: string; port: string } {
  let hostname = host;
  let colonPort = "";
  if (host.startsWith("[")) {
    const close = host.lastIndexOf("]");
    if (close < 0) fail("missing ']' in host");
    colonPort = host.slice(close + 1);
    hostname = host.slice(1, close);
  } else if (host.lastIndexOf(":") >= 0) {
    colonPort = host.slice(host.lastIndexOf(":"));
    hostname = host.slice(0, host.lastIndexOf(":"));
  }
  if (colonPort !== "" && !/^:[0-9]*$/.test(colonPort)) fail(`invalid port ${goQuote(colonPort)} after host`);
  for (let i = 0; i < host.length; i++) {
    const c = host[i]!;
    if (c === "%") {
      if (!/^%[0-9A-Fa-f]{2}/.test(host.slice(i))) fail(`invalid URL escape ${goQuote(host.slice(i, i + 3))}`);
    } else if (c < "\x80" && !/[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"]/.test(c)) {
      fail(`invalid character ${goQuote(c)} in host name`);
    }
  }
  return { hostname, port: colonPort.slice(1) };
}
