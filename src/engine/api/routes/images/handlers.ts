import type { ImagePruneResponse } from "../../../../shared/engine-api/prune";
import { compareVersions } from "../../../../shared/api-version";
import { DrydockError } from "../../../../shared/errors";
import { Filters } from "../../../daemon/filters/filters";
import { json, type HttpResponse } from "../../http/response";
import type { RouteContext } from "../../route";
import { imageHistory, inspectImage, listImage } from "../../views/image-json";
import type { ImagesBackend } from "./backend";

export async function list(backend: ImagesBackend, c: RouteContext): Promise<HttpResponse> {
  let filters = Filters.parse(c.query.get("filters"));
  // Before API 1.41, `filter` (a repository glob) was a reference filter (Docker 27 keeps it so).
  const legacy = c.query.get("filter");
  if (legacy && compareVersions(c.version, "1.41") < 0) filters = filters.with("reference", legacy);
  // Shared sizes cost a walk of every image's layers: Docker counts them when asked (API 1.42 on).
  const sharedSize = compareVersions(c.version, "1.42") >= 0 && c.flag("shared-size");
  return json(200, (await backend.list(filters, { sharedSize })).map(listImage));
}

export async function pull(backend: ImagesBackend, c: RouteContext): Promise<HttpResponse> {
  const image = c.query.get("fromImage");
  if (!image) throw new DrydockError("InvalidParameter", "fromImage is required (importing with fromSrc is not supported)");
  const progress = backend.pull(image, c.query.get("tag") || undefined);
  return {
    status: 200,
    headers: { "Content-Type": "application/json" },
    stream: (async function* () {
      for await (const message of progress) yield JSON.stringify(message) + "\r\n";
    })(),
  };
}

export async function prune(backend: ImagesBackend, c: RouteContext): Promise<HttpResponse> {
  const { deleted, reclaimed } = await backend.prune(Filters.parse(c.query.get("filters")));
  return json(200, { ImagesDeleted: deleted.length ? deleted : null, SpaceReclaimed: reclaimed } satisfies ImagePruneResponse);
}

export async function inspect(backend: ImagesBackend, c: RouteContext): Promise<HttpResponse> {
  return json(200, inspectImage(await backend.inspect(c.params.name!)));
}

export async function history(backend: ImagesBackend, c: RouteContext): Promise<HttpResponse> {
  return json(200, imageHistory(await backend.inspect(c.params.name!)));
}

export async function tag(backend: ImagesBackend, c: RouteContext): Promise<HttpResponse> {
  const repo = c.query.get("repo");
  if (!repo) throw new DrydockError("InvalidParameter", "repository name must have at least one component");
  await backend.tag(c.params.name!, repo, c.query.get("tag") || undefined);
  return { status: 201, body: "" };
}

export async function remove(backend: ImagesBackend, c: RouteContext): Promise<HttpResponse> {
  return json(200, await backend.remove(c.params.name!, { force: c.flag("force") }));
}
