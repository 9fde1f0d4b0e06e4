import type { BuildMessage, BuildProgress } from "../../src/shared/engine-api/build";
import { BUILD_PROGRESS_ID } from "../../src/shared/engine-api/build";
import { writeTar, type TarWriteEntry } from "../../src/engine/layer/tar-writer";
import type { FakeEngine } from "./fake-engine";
import { wholeBody } from "./http-request";

/**
 * POST /build through the engine's router with a context of these files (or this tar): the
 * status, the stream's messages, the classic text, the vertices as last told, and the error.
 */
export async function build(engine: FakeEngine, files: Record<string, string> | TarWriteEntry[] | Uint8Array, query = "t=app", signal = new AbortController().signal) {
  const tar = files instanceof Uint8Array ? files : writeTar(Array.isArray(files) ? files : Object.entries(files).map(([name, body]) => ({ name, body })));
  const response = await engine.handle({ method: "POST", path: "/build", query: new URLSearchParams(query), headers: new Map([["content-type", "application/x-tar"]]), body: wholeBody(tar), signal });
  let text = "";
  if ("body" in response && response.body !== undefined) text = typeof response.body === "string" ? response.body : new TextDecoder().decode(response.body);
  if ("stream" in response) for await (const chunk of response.stream) text += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
  const messages = "stream" in response ? text.split("\r\n").filter(Boolean).map((line) => JSON.parse(line) as BuildMessage) : [];
  const classic = messages.map((m) => m.stream ?? "").join("");
  const progress = messages.filter((m) => m.id === BUILD_PROGRESS_ID).map((m) => m.aux as BuildProgress);
  const vertices = new Map<number, { name: string; cached?: boolean; error?: string; completed?: number }>();
  for (const p of progress) for (const v of p.vertexes ?? []) vertices.set(v.digest, { ...vertices.get(v.digest), ...v });
  return { status: response.status, text, messages, classic, vertices: [...vertices.values()], error: messages.find((m) => m.errorDetail) };
}
