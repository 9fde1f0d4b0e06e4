import { DrydockError } from "../../shared/errors";
import type { ServerRequest } from "./http/server";
import type { HttpResponse } from "./http/response";

export interface RouteContext {
  request: ServerRequest;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The API version the client asked for (the /vX.Y prefix), or the current one. */
  version: string;
  /** The JSON body; InvalidParameter when it is not JSON. */
  json<T>(): T;
  /** A query flag: 1/true/True are true, as Docker's boolValue reads them. */
  flag(name: string): boolean;
}

export interface Route {
  method: string;
  /** `/containers/{id}/json`; `{name*}` matches across slashes (image names). */
  path: string;
  handle(context: RouteContext): Promise<HttpResponse>;
}

export function parseJsonBody<T>(body: Uint8Array): T {
  if (body.length === 0) return {} as T;
  try {
    return JSON.parse(new TextDecoder().decode(body)) as T;
  } catch (error) {
    throw new DrydockError("InvalidParameter", `invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
