import { DrydockError } from "../../shared/errors";
import { MediaType, type Descriptor, type ImageConfig, type ImageIndex, type ImageManifestV2 } from "../../shared/oci";
import type { Reference } from "../image/reference";
import { verifyDigest, type BlobStore } from "../storage/blob-store";

export interface RegistryResponse {
  status: number;
  headers: Map<string, string>;
  body: Uint8Array;
}

/** HTTP to a registry: the built-in hub in-process, a real registry over the network later. */
export type RegistryTransport = (method: "GET" | "HEAD", url: string, headers: Record<string, string>) => Promise<RegistryResponse>;

export type PullEvent =
  | { kind: "resolved"; manifestDigest: string; layers: Descriptor[] }
  | { kind: "layer-exists"; digest: string }
  | { kind: "layer-start"; digest: string; size: number }
  | { kind: "layer-progress"; digest: string; current: number; size: number }
  | { kind: "layer-verified"; digest: string }
  | { kind: "layer-done"; digest: string };

export interface PulledImage {
  /** The digest of the platform's manifest (what `docker images --digests` shows is the index's). */
  manifestDigest: string;
  /** The digest the reference resolved to first: an index when the registry serves one. */
  repoDigest: string;
  configDigest: string;
  config: ImageConfig;
  layers: Descriptor[];
}

const ACCEPT = [MediaType.ociIndex, MediaType.dockerManifestList, MediaType.ociManifest, MediaType.dockerManifest].join(", ");
const INDEX_TYPES: readonly string[] = [MediaType.ociIndex, MediaType.dockerManifestList];
const decoder = new TextDecoder();

/**
 * The OCI Distribution client: resolves a reference to a manifest (choosing linux/386 from an
 * index), then fetches the config and layers into the blob store, each verified by digest.
 */
export class RegistryClient {
  constructor(
    private readonly transportFor: (domain: string) => RegistryTransport,
    private readonly platform = { os: "linux", architecture: "386" },
  ) {}

  async pull(reference: Reference, blobs: BlobStore, onEvent: (event: PullEvent) => void = () => {}): Promise<PulledImage> {
    const transport = this.transportFor(reference.domain);
    const base = `https://${reference.domain}/v2/${reference.path}`;
    const first = await this.manifest(transport, base, reference.digest ?? reference.tag ?? "latest", reference);
    let manifest = first;
    if (INDEX_TYPES.includes(first.mediaType)) {
      const index = JSON.parse(decoder.decode(first.body)) as ImageIndex;
      const choice = index.manifests.find((d) => d.platform?.os === this.platform.os && d.platform.architecture === this.platform.architecture);
      if (!choice) {
        throw new DrydockError("NotFound", `no matching manifest for ${this.platform.os}/${this.platform.architecture} in the manifest list entries`);
      }
      manifest = await this.manifest(transport, base, choice.digest, reference);
    }
    const parsed = JSON.parse(decoder.decode(manifest.body)) as ImageManifestV2;
    onEvent({ kind: "resolved", manifestDigest: manifest.digest, layers: parsed.layers });
    const configBytes = await this.blob(transport, base, parsed.config);
    const config = JSON.parse(decoder.decode(configBytes)) as ImageConfig;
    if (config.rootfs.diff_ids.length !== parsed.layers.length) {
      throw new DrydockError("InvalidParameter", "the image config's diff IDs do not match the manifest's layers");
    }
    for (const layer of parsed.layers) {
      if (await blobs.has(layer.digest)) {
        onEvent({ kind: "layer-exists", digest: layer.digest });
        continue;
      }
      onEvent({ kind: "layer-start", digest: layer.digest, size: layer.size });
      const bytes = await this.blob(transport, base, layer);
      onEvent({ kind: "layer-progress", digest: layer.digest, current: bytes.length, size: layer.size });
      await blobs.put(layer.digest, bytes);
      onEvent({ kind: "layer-verified", digest: layer.digest });
      onEvent({ kind: "layer-done", digest: layer.digest });
    }
    await blobs.put(parsed.config.digest, configBytes);
    await blobs.put(manifest.digest, manifest.body);
    if (first !== manifest) await blobs.put(first.digest, first.body);
    return { manifestDigest: manifest.digest, repoDigest: first.digest, configDigest: parsed.config.digest, config, layers: parsed.layers };
  }

  private async manifest(transport: RegistryTransport, base: string, ref: string, reference: Reference) {
    const response = await transport("GET", `${base}/manifests/${ref}`, { Accept: ACCEPT });
    if (response.status === 404) {
      const name = reference.domain === "docker.io" ? reference.path.replace(/^library\//, "") : `${reference.domain}/${reference.path}`;
      const code = registryErrorCode(response.body);
      if (code === "MANIFEST_UNKNOWN") {
        throw new DrydockError("NotFound", `manifest for ${name}${ref.startsWith("sha256:") ? "@" : ":"}${ref} not found: manifest unknown: manifest unknown`);
      }
      throw new DrydockError("NotFound", `pull access denied for ${name}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`);
    }
    if (response.status !== 200) throw new DrydockError("Unavailable", `unexpected status from the registry: ${response.status}`);
    const digest = ref.startsWith("sha256:") ? ref : (response.headers.get("docker-content-digest") ?? "");
    await verifyDigest(digest, response.body);
    const mediaType = response.headers.get("content-type") ?? (JSON.parse(decoder.decode(response.body)) as { mediaType?: string }).mediaType ?? "";
    return { digest, mediaType, body: response.body };
  }

  private async blob(transport: RegistryTransport, base: string, descriptor: Descriptor): Promise<Uint8Array> {
    const response = await transport("GET", `${base}/blobs/${descriptor.digest}`, {});
    if (response.status !== 200) throw new DrydockError("NotFound", `blob unknown: ${descriptor.digest}`);
    await verifyDigest(descriptor.digest, response.body);
    return response.body;
  }
}

function registryErrorCode(body: Uint8Array): string | undefined {
  try {
    return (JSON.parse(decoder.decode(body)) as { errors?: { code?: string }[] }).errors?.[0]?.code;
  } catch {
    return undefined;
  }
}
