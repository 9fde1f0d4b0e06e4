import type { HubServer } from "./hub-server";
import type { RegistryTransport } from "./registry-client";

const encoder = new TextEncoder();

/** The built-in hub as a registry transport: requests go to it in-process. */
export function hubTransport(hub: HubServer): RegistryTransport {
  return async (method, url) => {
    const response = await hub.handle(method, new URL(url).pathname);
    const headers = new Map(Object.entries(response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const body = typeof response.body === "string" ? encoder.encode(response.body) : (response.body ?? new Uint8Array(0));
    return { status: response.status, headers, body };
  };
}
