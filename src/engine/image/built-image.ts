import { MediaType, type ImageConfig } from "../../shared/oci";
import { sha256Hex } from "../../shared/sha256";
import { once } from "../layer/gunzip";
import { readTar } from "../layer/tar-reader";
import type { BlobStore } from "../storage/blob-store";
import type { ImageRecord } from "./image-store";

export type LayerRecord = ImageRecord["layers"][number];

/**
 * A layer made here (a build step, a commit): kept as its uncompressed tar, so its digest is its
 * diff ID, as Docker keeps what it built until a push compresses it; then unpacked for the VM.
 */
export async function storeLayer(deps: { blobs: BlobStore; layers: { unpack(diffId: string, tar: Uint8Array): Promise<void> } }, tar: Uint8Array): Promise<LayerRecord> {
  const diffId = `sha256:${await sha256Hex(tar)}`;
  if (!(await deps.blobs.has(diffId))) await deps.blobs.put(diffId, tar);
  await deps.layers.unpack(diffId, tar);
  return { digest: diffId, size: tar.length, mediaType: MediaType.ociLayer, unpackedSize: tar.length };
}

/** Whether a layer tar holds no entry: a RUN or a commit that changed nothing, which Docker records as an empty_layer step. */
export async function isEmptyLayer(tar: Uint8Array): Promise<boolean> {
  return (await readTar(once(tar)).next()).done === true;
}

/** An image of a config and its layers, untagged; its ID is the digest of the config as stored. */
export async function imageOf(config: ImageConfig, layers: readonly LayerRecord[]): Promise<ImageRecord> {
  return {
    id: `sha256:${await sha256Hex(JSON.stringify(config))}`,
    tags: [],
    digests: [],
    config,
    layers: [...layers],
    size: layers.reduce((n, layer) => n + (layer.unpackedSize ?? layer.size), 0),
  };
}
