import { DrydockError } from "../../../shared/errors";
import type { ContainerCreateBody, HostConfig } from "../../../shared/engine-api/containers";
import type { HttpRequest } from "../http/request";
import { checkSettings, checkWhileDecoding, type DecodedCreate, type DecodedHostConfig } from "./create-checks";
import { pointer } from "./go-types";
import { containerConfig, createRequest, endpointSettings, hostConfig } from "./moby-types";
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
  return normalized(body, checkNetwork(body));
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
 * NetworkMode and the endpoints named for it. Drydock has Docker's three networks ("default"
 * is bridge; a bridge container gets no network yet, as "none"); an endpoint may be named for
 * the container's own network, as the CLI names it, but not configured.
 */
function checkNetwork(body: DecodedCreate): string {
  const mode = body.HostConfig?.NetworkMode || "default";
  const network = mode === "default" ? "bridge" : mode;
  if (network.startsWith("container:")) throw new DrydockError("InvalidParameter", "Drydock does not support HostConfig.NetworkMode container:<name> (--network container:<name>) yet");
  // A user-defined network's name is the daemon's to find (it says "network X not found").
  for (const [name, endpoint] of Object.entries(body.NetworkingConfig?.EndpointsConfig ?? {})) {
    const endpointNetwork = name === "default" ? "bridge" : name;
    if (endpointNetwork !== network) throw new DrydockError("InvalidParameter", `Drydock does not support NetworkingConfig.EndpointsConfig.${name} (a second network) yet`);
    if (endpoint) refuseUnsupported(endpoint, endpointSettings, ENDPOINT_POLICIES, `NetworkingConfig.EndpointsConfig.${name}.`);
  }
  return network;
}

/** The fields the daemon uses, with Docker's own normalisations (moby's create route and daemon). */
function normalized(body: DecodedCreate, network: string): ContainerCreateBody {
  const out = supportedFields(body, CONFIG_POLICIES);
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
