import { DrydockError } from "../../../shared/errors";
import type { HttpRequest } from "../http/request";
import { readWhole } from "../http/request-body";
import { unmarshal, UnmarshalError } from "./go-decode";
import { decodeFirst, GoJsonError, hasMore } from "./go-json";
import type { GoType } from "./go-types";

const invalid = (message: string) => new DrydockError("InvalidParameter", message);

/**
 * The largest JSON body read. Docker sets none, but decoding holds the whole value tree: a
 * 64 MiB body of `0,` took 2 GB and seconds of the engine's one thread. A create body with
 * the most a container may take (200 KiB of command and environment) is far below this.
 */
const MAX_JSON_BODY = 4 * 1024 * 1024;

/**
 * moby's httputils.ReadJSON: a JSON body (Content-Type application/json) decoded into a Go
 * type; a Content-Length of 0 (or none) is no error, and gives undefined.
 */
export async function readJson(request: HttpRequest, type: GoType): Promise<unknown> {
  checkForJson(request);
  if (request.body.length === 0) return undefined;
  return decodeBody(await jsonBytes(request), type);
}

/**
 * The create route's reading (runconfig's loadJSON): the same, but an empty body is a body
 * cut short, and `null` is allowed through (to be "config cannot be empty").
 */
export async function loadJson(request: HttpRequest, type: GoType): Promise<unknown> {
  checkForJson(request);
  return decodeBody(await jsonBytes(request), type);
}

function jsonBytes(request: HttpRequest): Promise<Uint8Array> {
  return readWhole(request.body, MAX_JSON_BODY, (length) => invalid(`invalid JSON: the body takes ${length} bytes; Drydock reads JSON bodies of at most ${MAX_JSON_BODY} bytes (4 MiB)`));
}

function decodeBody(body: Uint8Array, type: GoType): unknown {
  let decoded: ReturnType<typeof decodeFirst>;
  let value: unknown;
  try {
    decoded = decodeFirst(body);
    value = unmarshal(decoded.value, type);
  } catch (error) {
    if (error instanceof GoJsonError && error.kind === "eof") throw invalid("invalid JSON: got EOF while reading request body");
    if (error instanceof GoJsonError || error instanceof UnmarshalError) throw invalid(`invalid JSON: ${error.message}`);
    throw error;
  }
  if (hasMore(body, decoded.end)) throw invalid("unexpected content after JSON");
  return value;
}

/** httputils.CheckForJSON: a body must say it is application/json (a charset may follow); a chunked one is a body. */
function checkForJson(request: HttpRequest): void {
  const contentType = request.headers.get("content-type") ?? "";
  if (contentType === "" && request.body.length === 0) return;
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  const problem = mediaTypeProblem(mediaType);
  if (problem) throw invalid(`malformed Content-Type header (${contentType}): mime: ${problem}`);
  if (mediaType !== "application/json") throw invalid(`unsupported Content-Type header (${contentType}): must be 'application/json'`);
}

/** Go's mime.ParseMediaType on the type/subtype part: what it says is wrong, if anything. */
function mediaTypeProblem(mediaType: string): string | undefined {
  const token = /^[^\s()<>@,;:\\"/[\]?=\x00-\x1f\x7f-\uffff]+/;
  const type = token.exec(mediaType)?.[0];
  if (!type) return "no media type";
  const rest = mediaType.slice(type.length);
  if (rest === "") return undefined;
  if (!rest.startsWith("/")) return "expected slash after first token";
  const subtype = token.exec(rest.slice(1))?.[0];
  if (!subtype) return "expected token after slash";
  if (rest.length > subtype.length + 1) return "unexpected content after media subtype";
  return undefined;
}
