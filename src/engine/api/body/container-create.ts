import { DrydockError } from "../../../shared/errors";
import type { ContainerCreateBody, EndpointConfig, HostConfig } from "../../../shared/engine-api/containers";
import type { HttpRequest } from "../http/request";
import { checkSettings, checkWhileDecoding, type DecodedCreate, type DecodedHostConfig } from "./create-checks";
import { pointer } from "./go-types";
import { containerConfig, createRequest, endpointSettings, hostConfig } from "./moby-types";
import { parseAddr } from "../../network/ipv4";
import { loadJson } from "./read-json";
import { CONFIG_POLICIES, ENDPOINT_POLICIES, HOST_CONFIG_POLICIES, refuseUnsupported, supportedFields } from "./unsupported";

/** Networks every Docker host has; Drydock has no others. */

/**
 * POST /containers/create's body, read and checked as Docker reads and checks it (the Go
 * decoder's errors, then moby's checks, in moby's order and words), refusing what Drydock does
 * not do: a bad body is a 400 (a network that does not exist a 404) before anything is made.
 */
export async function readCreateBody(request: HttpRequest): Promise<ContainerCreateBody> {
  const body = ((await loadJson(request, pointer(createRequest))) ?? {}) as DecodedCreate;
  if (body.HostConfig) checkWhileDecoding(body.HostConfig);
  if (!Object.keys(body).some((field) => containerConfig.fields.some((f) => f.json === field))) {
    throw new DrydockError("InvalidParameter", "config cannot be empty in order to create a container");
  }
  refuseUnsupported(body, containerConfig, CONFIG_POLICIES);
  if (body.HostConfig) refuseUnsupported(body.HostConfig, hostConfig, HOST_CONFIG_POLICIES, "HostConfig.");
  checkSettings(body);
  const { network, endpoint, links } = checkNetwork(body);
  checkExtraHosts(body.HostConfig?.ExtraHosts ?? []);
  checkLinks(links, network);
  const out = normalized(body, network, endpoint);
  if (links.length) out.HostConfig = { ...out.HostConfig, Links: links };
  return out;
}

/**
 * Docker stopped taking a HostConfig at start in API 1.24; it refuses a body longer than "{}"
 * with spaces by its Content-Length, unread, and any chunked one.
 */
export function refuseStartBody(request: HttpRequest): void {
  const length = request.body.length;
  if (length === undefined || length > 7) {
    throw new DrydockError("InvalidParameter", "starting container with non-empty request body was deprecated since API v1.22 and removed in v1.24");
  }
}

/**
 * NetworkMode and the endpoint named for it ("default" is bridge): its aliases and --ip, which
 * only user-defined networks take, as moby's validateEndpointSettings says. One network only: a
 * second one is refused.
 */
function checkNetwork(body: DecodedCreate): { network: string; endpoint: EndpointConfig | undefined; links: string[] } {
  const mode = body.HostConfig?.NetworkMode || "default";
  const network = mode === "default" ? "bridge" : mode;
  if (network.startsWith("container:")) throw new DrydockError("InvalidParameter", "Drydock does not support HostConfig.NetworkMode container:<name> (--network container:<name>) yet");
  let config: EndpointConfig | undefined;
  const links = new Set(body.HostConfig?.Links ?? []);
  // A user-defined network's name is the daemon's to find (it says "network X not found").
  for (const [name, endpoint] of Object.entries(body.NetworkingConfig?.EndpointsConfig ?? {})) {
    const endpointNetwork = name === "default" ? "bridge" : name;
    if (endpointNetwork !== network) throw new DrydockError("InvalidParameter", `Drydock does not support NetworkingConfig.EndpointsConfig.${name} (a second network) yet`);
    if (!endpoint) continue;
    refuseUnsupported(endpoint, endpointSettings, ENDPOINT_POLICIES, `NetworkingConfig.EndpointsConfig.${name}.`);
    const settings = endpoint as EndpointConfig & { Links?: string[] | null };
    for (const link of settings.Links ?? []) links.add(link);
    const address = settings.IPAMConfig?.IPv4Address ?? "";
    const aliases = settings.Aliases ?? [];
    const builtIn = ["bridge", "host", "none"].includes(network);
    if (address !== "" && builtIn) throw new DrydockError("InvalidParameter", "user specified IP address is supported on user defined networks only");
    if (aliases.length > 0 && builtIn) throw new DrydockError("InvalidParameter", "network-scoped alias is supported only for containers in user defined networks");
    if (address !== "" && (!isIPv4(address) || address === "0.0.0.0")) throw new DrydockError("InvalidParameter", `invalid IPv4 address: ${address}`);
    config = { ...(aliases.length ? { Aliases: aliases } : {}), ...(address ? { IPAMConfig: { IPv4Address: address } } : {}) };
  }
  return { network, endpoint: config, links: [...links] };
}

/** --add-host NAME:IP (or NAME=IP), IP an address or "host-gateway", as moby's opts.ValidateExtraHost reads it. */
function checkExtraHosts(hosts: readonly string[]): void {
  for (const host of hosts) {
    const match = /^([^:=]+)[:=](.*)$/.exec(host);
    if (!match || match[1]!.trim() === "") throw new DrydockError("InvalidParameter", `bad format for add-host: "${host}"`);
    const ip = match[2]!.replace(/^\[(.*)\]$/, "$1");
    if (ip !== "host-gateway" && !isIPv4(ip) && !/^[0-9a-fA-F:.]+$/.test(ip)) throw new DrydockError("InvalidParameter", `invalid IP address in add-host: "${ip}"`);
  }
}

/** --link NAME[:ALIAS], as moby's opts.ParseLink reads it; the host's network has no links. */
function checkLinks(links: readonly string[], network: string): void {
  if (links.length > 0 && network === "host") throw new DrydockError("InvalidParameter", "conflicting options: host type networking can't be used with links. This would result in undefined behavior");
  for (const link of links) {
    const parts = link.split(":");
    if (link === "" || parts.length > 2 || parts.some((part) => part === "")) throw new DrydockError("InvalidParameter", `bad format for links: ${link}`);
  }
}

const isIPv4 = (text: string) => parseAddr(text) !== undefined;

/** The fields the daemon uses, with Docker's own normalisations (moby's create route and daemon). */
function normalized(body: DecodedCreate, network: string, endpoint: EndpointConfig | undefined): ContainerCreateBody {
  const out = supportedFields(body, CONFIG_POLICIES);
  if (endpoint && Object.keys(endpoint).length) out.NetworkingConfig = { EndpointsConfig: { [network]: endpoint } };
  if (body.WorkingDir) out.WorkingDir = cleanPath(body.WorkingDir);
  const host: DecodedHostConfig = supportedFields(body.HostConfig ?? {}, HOST_CONFIG_POLICIES);
  host.NetworkMode = network;
  host.RestartPolicy = { Name: host.RestartPolicy?.Name || "no", MaximumRetryCount: host.RestartPolicy?.MaximumRetryCount ?? 0 };
  // 0 and any negative number mean no limit; Docker keeps none.
  if (typeof host.PidsLimit === "number" && host.PidsLimit <= 0) delete host.PidsLimit;
  out.HostConfig = host as HostConfig;
  return out as ContainerCreateBody;
}

/** Go's filepath.Clean for an absolute path: no ".", "..", doubled or trailing slashes. */
function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}
