import type { EndpointConfig } from "../../../../shared/engine-api/containers";
import type { NetworkCreateRequest, NetworkPruneResponse } from "../../../../shared/engine-api/networks";
import { DrydockError } from "../../../../shared/errors";
import { Filters } from "../../../daemon/filters/filters";
import { endpointSettings, networkConnectOptions, networkCreateRequest, networkDisconnectOptions } from "../../body/moby-types";
import { ENDPOINT_POLICIES, refuseUnsupported } from "../../body/unsupported";
import { readJson } from "../../body/read-json";
import { json, type HttpResponse } from "../../http/response";
import type { RouteContext } from "../../route";
import { parseAddr } from "../../../network/ipv4";
import { networkJson } from "../../views/network-json";
import type { NetworksBackend } from "./backend";

export async function list(backend: NetworksBackend, c: RouteContext): Promise<HttpResponse> {
  return json(200, (await backend.list(Filters.parse(c.query.get("filters")))).map((network) => networkJson(network, { containers: false })));
}

export async function inspect(backend: NetworksBackend, c: RouteContext): Promise<HttpResponse> {
  const verbose = c.query.get("verbose");
  if (verbose && !["1", "t", "T", "true", "TRUE", "True", "0", "f", "F", "false", "FALSE", "False"].includes(verbose)) {
    throw new DrydockError("InvalidParameter", `invalid value for verbose: ${verbose}: strconv.ParseBool: parsing "${verbose}": invalid syntax`);
  }
  // A scope other than the local one finds none of the daemon's networks (there is no swarm).
  const scope = c.query.get("scope");
  if (scope && scope !== "local") throw new DrydockError("NotFound", `network ${c.params.id!} not found`);
  return json(200, networkJson(await backend.inspect(c.params.id!)));
}

export async function create(backend: NetworksBackend, c: RouteContext): Promise<HttpResponse> {
  const body = ((await readJson(c.request, networkCreateRequest)) ?? {}) as NetworkCreateRequest;
  return json(201, await backend.create(body));
}

export async function remove(backend: NetworksBackend, c: RouteContext): Promise<HttpResponse> {
  await backend.remove(c.params.id!);
  return { status: 204, body: "" };
}

export async function prune(backend: NetworksBackend, c: RouteContext): Promise<HttpResponse> {
  const deleted = await backend.prune(Filters.parse(c.query.get("filters")));
  return json(200, { NetworksDeleted: deleted.length ? deleted : null } satisfies NetworkPruneResponse);
}

/** `docker network connect`: the endpoint's aliases and --ip, nothing else of its settings yet. */
export async function connect(backend: NetworksBackend, c: RouteContext): Promise<HttpResponse> {
  const body = ((await readJson(c.request, networkConnectOptions)) ?? {}) as { Container?: string; EndpointConfig?: Record<string, unknown> | null };
  if (body.EndpointConfig) refuseUnsupported(body.EndpointConfig, endpointSettings, ENDPOINT_POLICIES, "EndpointConfig.");
  const settings = (body.EndpointConfig ?? {}) as EndpointConfig & { Links?: string[] | null };
  if (settings.Links?.length) throw new DrydockError("NotImplemented", "Drydock does not support EndpointConfig.Links (--link) on connect yet");
  const address = settings.IPAMConfig?.IPv4Address ?? "";
  if (address !== "" && (parseAddr(address) === undefined || address === "0.0.0.0")) throw new DrydockError("InvalidParameter", `invalid IPv4 address: ${address}`);
  await backend.connect(c.params.id!, body.Container ?? "", {
    ...(settings.Aliases?.length ? { Aliases: settings.Aliases } : {}),
    ...(address ? { IPAMConfig: { IPv4Address: address } } : {}),
  });
  return { status: 200, body: "" };
}

export async function disconnect(backend: NetworksBackend, c: RouteContext): Promise<HttpResponse> {
  const body = ((await readJson(c.request, networkDisconnectOptions)) ?? {}) as { Container?: string; Force?: boolean };
  await backend.disconnect(c.params.id!, body.Container ?? "", body.Force ?? false);
  return { status: 200, body: "" };
}
