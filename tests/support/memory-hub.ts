import { DrydockError } from "../../src/shared/errors";
import { MediaType, type ContainerConfigV1, type Descriptor, type ImageConfig, type ImageIndex, type ImageManifestV2 } from "../../src/shared/oci";
import { sha256Hex } from "../../src/shared/sha256";
import type { ImageSource } from "../../src/engine/machine/image-source";
import { makeTar } from "./tar";

/** An image for the in-memory hub: `library/<name>:latest`, one small layer of its own. */
export interface TestImage {
  name: string;
  config: ContainerConfigV1;
  created?: string;
  /** An image (listed before this one) whose layers this one's start with, as FROM makes them. */
  from?: string;
}

const PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** Two images shaped like the shipped ones (their programs are the fake runtime's). */
export const TEST_IMAGES: readonly TestImage[] = [
  { name: "busybox", config: { Env: [PATH], Cmd: ["sh"] }, created: "2025-08-01T00:00:00Z" },
  { name: "hello-world", config: { Env: [PATH], Cmd: ["/hello"] }, created: "2025-07-01T00:00:00Z" },
];

/**
 * The hub's files (public/images/hub) in memory: an OCI image layout per repository, so pulls
 * go through the real hub server and registry client without the shipped images.
 */
export async function memoryHub(images: readonly TestImage[] = TEST_IMAGES): Promise<ImageSource> {
  const files = new Map<string, Uint8Array>();
  const encoder = new TextEncoder();
  const put = async (repository: string, bytes: Uint8Array, mediaType: string): Promise<Descriptor> => {
    const digest = `sha256:${await sha256Hex(bytes)}`;
    files.set(`hub/${repository}/blobs/sha256/${digest.slice(7)}`, bytes);
    return { mediaType, digest, size: bytes.length };
  };
  const json = (value: unknown) => encoder.encode(JSON.stringify(value));
  const layerTars = new Map<string, Uint8Array[]>();
  for (const image of images) {
    const repository = `library/${image.name}`;
    const tar = makeTar([{ name: "etc/", type: "directory" }, { name: `etc/${image.from ? "app" : "image"}`, body: `${image.name}\n` }]);
    const tars = [...(image.from ? layerTars.get(image.from)! : []), tar];
    layerTars.set(image.name, tars);
    const layers = await Promise.all(tars.map((bytes) => put(repository, bytes, MediaType.ociLayer)));
    const config: ImageConfig = {
      architecture: "386",
      os: "linux",
      created: image.created,
      config: image.config,
      rootfs: { type: "layers", diff_ids: layers.map((layer) => layer.digest) },
      history: [{ created: image.created, created_by: `test: ${image.name}` }],
    };
    const manifest: ImageManifestV2 = { schemaVersion: 2, mediaType: MediaType.ociManifest, config: await put(repository, json(config), MediaType.ociConfig), layers };
    const described = await put(repository, json(manifest), MediaType.ociManifest);
    const index: ImageIndex = { schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: [{ ...described, annotations: { "org.opencontainers.image.ref.name": "latest" } }] };
    files.set(`hub/${repository}/index.json`, json(index));
  }
  files.set("hub/catalog.json", json({ repositories: images.map((image) => `library/${image.name}`) }));
  return {
    describe: (name) => `memory:${name}`,
    read: async (name) => {
      const bytes = files.get(name);
      if (!bytes) throw new DrydockError("NotFound", `memory:${name} does not exist`);
      return bytes;
    },
  };
}
