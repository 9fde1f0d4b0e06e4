import { cacheId } from "../../../daemon/build/builds";
import type { SystemDataUsageResponse } from "../../../../shared/engine-api/system";
import { json, type HttpResponse } from "../../http/response";
import { listContainer } from "../../views/container-json";
import { listImage } from "../../views/image-json";
import { infoJson, versionJson } from "../../views/system-json";
import type { SystemBackend } from "./backend";

export async function ping(): Promise<HttpResponse> {
  return {
    status: 200,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-cache, no-store, must-revalidate", Pragma: "no-cache", "Builder-Version": "1" },
    body: "OK",
  };
}

export async function version(backend: SystemBackend): Promise<HttpResponse> {
  return json(200, versionJson(await backend.version()));
}

export async function info(backend: SystemBackend): Promise<HttpResponse> {
  return json(200, infoJson(await backend.info()));
}

export async function diskUsage(backend: SystemBackend): Promise<HttpResponse> {
  const usage = await backend.diskUsage();
  return json(200, {
    LayersSize: usage.layersSize,
    Images: usage.images.map(listImage),
    // Container layers are tmpfs in the guest, not measured yet: nothing written, the image's size.
    Containers: usage.containers.map(({ container, image }) => ({ ...listContainer(container, image), SizeRw: 0, SizeRootFs: image?.size ?? 0 })),
    Volumes: [],
    BuildCache: usage.buildCache.map(({ record, size, shared }) => ({
      ID: cacheId(record.key),
      Parents: null,
      Type: "regular",
      Description: record.description,
      InUse: false,
      Shared: shared,
      Size: size,
      CreatedAt: record.createdAt,
      LastUsedAt: record.lastUsed,
      UsageCount: record.usageCount,
    })),
  } satisfies SystemDataUsageResponse);
}
