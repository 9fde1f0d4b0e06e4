import { compareVersions } from "../../shared/api-version";
import { errorKind, errorMessage } from "../../shared/errors";
import { statusOf } from "./http-status";
import { RequestRefused } from "./http/refusal";
import { json, type HttpResponse } from "./http/response";
import type { Handler, ServerRequest } from "./http/server";
import type { Route, RouteContext } from "./route";

export const API_VERSION = "1.47";
export const MIN_API_VERSION = "1.24";

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

/** The Engine API's route table: /vX.Y prefixes, Docker's headers, 404 for the unknown. */
export function createRouter(routes: Route[], serverHeader: string): Handler {
  const compiled: CompiledRoute[] = routes.map((route) => {
    const names: string[] = [];
    const source = route.path.replace(/[.]/g, "\\.").replace(/\{(\w+)(\*?)\}/g, (_, name: string, star: string) => {
      names.push(name);
      return star ? "(.+)" : "([^/]+)";
    });
    return { route, pattern: new RegExp(`^${source}$`), names };
  });
  const headers = { "Api-Version": API_VERSION, "Docker-Experimental": "false", Ostype: "linux", Server: serverHeader };

  return async (request: ServerRequest): Promise<HttpResponse> => {
    let path = request.path;
    let version = API_VERSION;
    const prefix = /^\/v([0-9]+\.[0-9]+)(\/.*)$/.exec(path);
    if (prefix) {
      version = prefix[1]!;
      path = prefix[2]!;
      if (compareVersions(version, API_VERSION) > 0) {
        return withHeaders(json(400, { message: `client version ${version} is too new. Maximum supported API version is ${API_VERSION}` }), headers);
      }
      if (compareVersions(version, MIN_API_VERSION) < 0) {
        return withHeaders(json(400, { message: `client version ${version} is too old. Minimum supported API version is ${MIN_API_VERSION}, please upgrade your client to a newer version` }), headers);
      }
    }
    const method = request.method === "HEAD" ? "GET" : request.method;
    for (const { route, pattern, names } of compiled) {
      if (route.method !== method && !(route.method === "HEAD" && request.method === "HEAD")) continue;
      const match = pattern.exec(path);
      if (!match) continue;
      const params = Object.fromEntries(names.map((name, i) => [name, match[i + 1]!]));
      const context: RouteContext = {
        request,
        params,
        query: request.query,
        version,
        flag: (name) => ["1", "true", "True", "TRUE"].includes(request.query.get(name) ?? ""),
      };
      try {
        return withHeaders(await route.handle(context), headers);
      } catch (error) {
        // A route's own limit on a body (a build context) says 413, as the server's does.
        const status = error instanceof RequestRefused ? error.status : statusOf(errorKind(error));
        return withHeaders(status === 304 ? { status } : json(status, { message: errorMessage(error) }), headers);
      }
    }
    return withHeaders(json(404, { message: "page not found" }), headers);
  };
}

function withHeaders(response: HttpResponse, headers: Record<string, string>): HttpResponse {
  return { ...response, headers: { ...headers, ...(response.headers ?? {}) } };
}
