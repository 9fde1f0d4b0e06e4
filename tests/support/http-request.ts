import type { HttpRequest } from "../../src/engine/api/http/request";
import type { RequestBody } from "../../src/engine/api/http/request-body";

/** A body already whole: a request made without a connection (the tests of routes and bodies). */
export function wholeBody(bytes: Uint8Array): RequestBody {
  let read = false;
  const body: RequestBody = {
    length: bytes.length,
    read: async () => {
      if (read || bytes.length === 0) return undefined;
      read = true;
      return bytes;
    },
    async *[Symbol.asyncIterator]() {
      for (let chunk = await body.read(); chunk; chunk = await body.read()) yield chunk;
    },
  };
  return body;
}

/** A POST to `path` carrying `body` (an object is sent as JSON), as a client would send it. */
export function postRequest(path: string, body: string | object, contentType = "application/json"): HttpRequest {
  return {
    method: "POST",
    path,
    query: new URLSearchParams(),
    headers: new Map(contentType ? [["content-type", contentType]] : []),
    body: wholeBody(new TextEncoder().encode(typeof body === "string" ? body : JSON.stringify(body))),
  };
}
