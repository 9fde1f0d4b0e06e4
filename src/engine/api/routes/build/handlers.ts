import { MAX_BUILD_CONTEXT } from "../../../../shared/engine-api/build";
import type { BuildCachePruneResponse } from "../../../../shared/engine-api/prune";
import { DrydockError } from "../../../../shared/errors";
import { RequestRefused } from "../../http/refusal";
import type { RequestBody } from "../../http/request-body";
import { json, type HttpResponse } from "../../http/response";
import type { RouteContext } from "../../route";
import type { BuildBackend } from "./backend";

/**
 * Query parameters the official CLI sends with their zero values on every build; Drydock takes
 * the zero value and refuses any other, rather than build as if it had been honoured.
 */
const ZERO: Record<string, readonly string[]> = {
  remote: [""],
  extrahosts: [""],
  securityopt: [""],
  cpusetcpus: [""],
  cpusetmems: [""],
  cpushares: ["", "0"],
  cpuquota: ["", "0"],
  cpuperiod: ["", "0"],
  memory: ["", "0"],
  memswap: ["", "0"],
  cgroupparent: [""],
  shmsize: ["", "0"],
  networkmode: ["", "default"],
  ulimits: ["", "null", "[]"],
  cachefrom: ["", "null", "[]"],
  squash: ["", "0", "false"],
  isolation: ["", "default"],
  outputs: ["", "null", "[]"],
  session: [""],
  buildid: [""],
  platform: ["", "linux/386"],
  version: ["", "1"],
};

export async function build(backend: BuildBackend, c: RouteContext): Promise<HttpResponse> {
  for (const [name, zeros] of Object.entries(ZERO)) {
    for (const value of c.query.getAll(name)) {
      if (zeros.includes(value)) continue;
      if (name === "version") throw new DrydockError("NotImplemented", `builder version ${value} (BuildKit) is not supported by Drydock: it builds with the classic builder (version 1)`);
      throw new DrydockError("NotImplemented", `the build option ${name}=${value} is not supported by Drydock`);
    }
  }
  if (c.query.get("rm") === "0" || c.query.get("rm") === "false") throw new DrydockError("NotImplemented", "rm=0 is not supported by Drydock: its builder always removes intermediate containers");
  const prepared = await backend.prepare(
    {
      tags: c.query.getAll("t").filter((tag) => tag !== ""),
      dockerfile: c.query.get("dockerfile") ?? "",
      buildArgs: jsonObject(c.query.get("buildargs"), "buildargs", (value): value is string | null => value === null || typeof value === "string"),
      target: c.query.get("target") || undefined,
      labels: jsonObject(c.query.get("labels"), "labels", (value): value is string => typeof value === "string"),
      noCache: c.flag("nocache"),
      quiet: c.flag("q"),
      pull: c.flag("pull"),
    },
    limited(c.request.body),
    c.request.signal,
  );
  return {
    status: 200,
    headers: { "Content-Type": "application/json" },
    stream: (async function* () {
      for await (const message of prepared.messages) yield JSON.stringify(message) + "\r\n";
    })(),
  };
}

/** A JSON object parameter whose every value `valid` accepts (Go would fail to unmarshal another). */
function jsonObject<T>(text: string | null, name: string, valid: (value: unknown) => value is T): Record<string, T> {
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (value === null) return {};
  if (typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every(valid)) return value as Record<string, T>;
  throw new DrydockError("InvalidParameter", `invalid ${name} parameter: ${text}`);
}

/** The context, refused once it passes MAX_BUILD_CONTEXT (at once when its length says so). */
async function* limited(body: RequestBody): AsyncGenerator<Uint8Array> {
  const tooLarge = () => RequestRefused.tooLarge(`the build context is larger than Drydock's limit of ${MAX_BUILD_CONTEXT / 1048576} MiB (it is held in memory); use a .dockerignore to leave out what the build does not need`);
  if (body.length !== undefined && body.length > MAX_BUILD_CONTEXT) throw tooLarge();
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > MAX_BUILD_CONTEXT) throw tooLarge();
    yield chunk;
  }
}

/** `POST /build/prune`: filters and storage targets are not done yet, and refused. */
export async function prune(backend: BuildBackend, c: RouteContext): Promise<HttpResponse> {
  for (const name of ["keep-storage", "reserved-space", "max-used-space", "min-free-space"]) {
    const value = c.query.get(name);
    if (value && value !== "0") throw new DrydockError("NotImplemented", `the build cache prune option ${name} is not supported by Drydock`);
  }
  const filters = c.query.get("filters");
  if (filters && filters !== "{}") throw new DrydockError("NotImplemented", "filters on the build cache prune are not supported by Drydock");
  const { deleted, reclaimed } = await backend.prune(c.flag("all"));
  return json(200, { CachesDeleted: deleted.length > 0 ? deleted : null, SpaceReclaimed: reclaimed } satisfies BuildCachePruneResponse);
}
