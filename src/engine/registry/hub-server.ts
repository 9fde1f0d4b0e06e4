import { DrydockError, errorKind } from "../../shared/errors";
import type { Descriptor, ImageIndex } from "../../shared/oci";
import { json, type BodyResponse } from "../api/http/response";
import type { ImageSource } from "../machine/image-source";

/** The hub's catalog (public/images/hub/catalog.json): the repositories it serves. */
export interface HubCatalog {
  repositories: string[];
}

/**
 * The built-in hub: the read side of an OCI Distribution registry, serving the OCI image
 * layouts shipped in public/images/hub (one per repository, e.g. hub/library/busybox).
 */
export class HubServer {
  constructor(private readonly source: ImageSource) {}

  async handle(method: string, path: string): Promise<BodyResponse> {
    if (method !== "GET" && method !== "HEAD") return registryError(405, "UNSUPPORTED", "the operation is unsupported");
    try {
      const response = await this.route(path);
      return method === "HEAD" ? { ...response, body: undefined, headers: { ...response.headers, "Content-Length": String(byteLength(response.body)) } } : response;
    } catch (error) {
      if (errorKind(error) !== "NotFound") throw error;
      const code = (error as DrydockError & { code?: string }).code ?? "NAME_UNKNOWN";
      return registryError(404, code, error instanceof Error ? error.message : String(error));
    }
  }

  private async route(path: string): Promise<BodyResponse> {
    if (path === "/v2/" || path === "/v2") return json(200, {}, { "Docker-Distribution-Api-Version": "registry/2.0" });
    if (path === "/v2/_catalog") return json(200, await this.catalog());
    const match = /^\/v2\/(.+)\/(manifests|blobs|tags)\/(.+)$/.exec(path);
    if (!match) throw notFound("NAME_UNKNOWN", "repository name not known to registry");
    const [, name, kind, reference] = match as unknown as [string, string, string, string];
    const { repositories } = await this.catalog();
    if (!repositories.includes(name)) throw notFound("NAME_UNKNOWN", "repository name not known to registry");
    const layout = await this.layout(name);
    if (kind === "tags" && reference === "list") return json(200, { name, tags: layout.manifests.map(tagOf).filter(Boolean) });
    if (kind === "blobs") {
      const bytes = await this.blob(name, reference, "BLOB_UNKNOWN", "blob unknown to registry");
      return { status: 200, headers: { "Content-Type": "application/octet-stream", "Docker-Content-Digest": reference }, body: bytes };
    }
    if (kind !== "manifests") throw notFound("NAME_UNKNOWN", "repository name not known to registry");
    const descriptor = reference.startsWith("sha256:")
      ? ({ digest: reference, mediaType: "" } as Descriptor)
      : layout.manifests.find((d) => tagOf(d) === reference);
    if (!descriptor) throw notFound("MANIFEST_UNKNOWN", "manifest unknown");
    const bytes = await this.blob(name, descriptor.digest, "MANIFEST_UNKNOWN", "manifest unknown");
    const mediaType = descriptor.mediaType || (JSON.parse(new TextDecoder().decode(bytes)) as { mediaType?: string }).mediaType || "";
    return { status: 200, headers: { "Content-Type": mediaType, "Docker-Content-Digest": descriptor.digest }, body: bytes };
  }

  private async catalog(): Promise<HubCatalog> {
    return JSON.parse(new TextDecoder().decode(await this.source.read("hub/catalog.json"))) as HubCatalog;
  }

  private async layout(name: string): Promise<ImageIndex> {
    return JSON.parse(new TextDecoder().decode(await this.source.read(`hub/${name}/index.json`))) as ImageIndex;
  }

  private async blob(name: string, digest: string, code: string, message: string): Promise<Uint8Array> {
    const hex = /^sha256:([a-f0-9]{64})$/.exec(digest)?.[1];
    if (!hex) throw notFound(code, message);
    try {
      return await this.source.read(`hub/${name}/blobs/sha256/${hex}`);
    } catch (error) {
      if (errorKind(error) === "NotFound") throw notFound(code, message);
      throw error;
    }
  }
}

function tagOf(descriptor: Descriptor): string | undefined {
  return descriptor.annotations?.["org.opencontainers.image.ref.name"];
}

function notFound(code: string, message: string): DrydockError {
  return Object.assign(new DrydockError("NotFound", message), { code });
}

function registryError(status: number, code: string, message: string): BodyResponse {
  return json(status, { errors: [{ code, message, detail: null }] });
}

function byteLength(body: Uint8Array | string | undefined): number {
  return typeof body === "string" ? new TextEncoder().encode(body).length : (body?.length ?? 0);
}
