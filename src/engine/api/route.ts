import type { ServerRequest } from "./http/server";
import type { HttpResponse } from "./http/response";

export interface RouteContext {
  request: ServerRequest;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The API version the client asked for (the /vX.Y prefix), or the current one. */
  version: string;
  /** A query flag: 1/true/True are true, as Docker's boolValue reads them. */
  flag(name: string): boolean;
}

export interface Route {
  method: string;
  /** `/containers/{id}/json`; `{name*}` matches across slashes (image names). */
  path: string;
  handle(context: RouteContext): Promise<HttpResponse>;
}

/** A route's work: parse the request, make one call to its backend, write the reply. */
export type RouteHandler<B> = (backend: B, context: RouteContext) => Promise<HttpResponse>;

/** A route table over one backend, one `[method, path, handler]` row per route. */
export function routeTable<B>(backend: B, rows: readonly (readonly [string, string, RouteHandler<B>])[]): Route[] {
  return rows.map(([method, path, handler]) => ({ method, path, handle: (context) => handler(backend, context) }));
}
