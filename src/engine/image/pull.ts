import { AsyncQueue } from "../../shared/async-queue";
import { errorMessage } from "../../shared/errors";
import type { LayerStore } from "../layer/layer-store";
import type { PullEvent, RegistryClient } from "../registry/registry-client";
import type { BlobStore } from "../storage/blob-store";
import type { ImageStore } from "./image-store";
import { canonicalString, familiarString, withDefaultTag, type Reference } from "./reference";

/** One line of Docker's pull progress stream (JSON, one object per line). */
export type ProgressMessage = Record<string, unknown>;

const short = (digest: string) => digest.replace(/^sha256:/, "").slice(0, 12);

/**
 * `docker pull`: the registry client fetches and verifies, the layers are unpacked once, the
 * image is recorded and tagged; progress comes out as Docker's JSON messages, errors included.
 */
export async function* pullImage(
  reference: Reference,
  deps: { registry: RegistryClient; blobs: BlobStore; layers: Pick<LayerStore, "has" | "unpack" | "size">; images: ImageStore },
  /** Told the familiar name (busybox:latest) once the image is recorded. */
  onPulled: (name: string) => void = () => undefined,
): AsyncGenerator<ProgressMessage> {
  const ref = withDefaultTag(reference);
  const queue = new AsyncQueue<ProgressMessage>();
  const emit = (message: ProgressMessage) => queue.push(message);
  const onEvent = (event: PullEvent) => {
    switch (event.kind) {
      case "resolved":
        for (const layer of event.layers) emit({ status: "Pulling fs layer", progressDetail: {}, id: short(layer.digest) });
        break;
      case "layer-exists":
        emit({ status: "Already exists", progressDetail: {}, id: short(event.digest) });
        break;
      case "layer-start":
        emit({ status: "Waiting", progressDetail: {}, id: short(event.digest) });
        break;
      case "layer-progress":
        emit({ status: "Downloading", progressDetail: { current: event.current, total: event.size }, progress: bar(event.current, event.size), id: short(event.digest) });
        break;
      case "layer-verified":
        emit({ status: "Verifying Checksum", progressDetail: {}, id: short(event.digest) });
        break;
      case "layer-done":
        emit({ status: "Download complete", progressDetail: {}, id: short(event.digest) });
        break;
    }
  };
  emit({ status: `Pulling from ${ref.domain === "docker.io" ? ref.path : `${ref.domain}/${ref.path}`}`, id: ref.tag ?? ref.digest });
  const work = (async () => {
    const pulled = await deps.registry.pull(ref, deps.blobs, onEvent);
    const existing = await deps.images.find(pulled.configDigest);
    const unpacked: number[] = [];
    for (const [i, layer] of pulled.layers.entries()) {
      const diffId = pulled.config.rootfs.diff_ids[i]!;
      const fresh = !deps.layers.has(diffId);
      if (fresh) emit({ status: "Extracting", progressDetail: { current: layer.size, total: layer.size }, progress: bar(layer.size, layer.size), id: short(layer.digest) });
      if (fresh) await deps.layers.unpack(diffId, await deps.blobs.get(layer.digest));
      unpacked.push(await deps.layers.size(diffId));
      if (fresh) emit({ status: "Pull complete", progressDetail: {}, id: short(layer.digest) });
    }
    const repoDigest = `${ref.domain}/${ref.path}@${pulled.repoDigest}`;
    const tag = ref.tag ? canonicalString(ref) : undefined;
    const upToDate = existing !== undefined && (!tag || existing.tags.includes(tag));
    await deps.images.put({
      id: pulled.configDigest,
      tags: [...new Set([...(existing?.tags ?? []), ...(tag ? [tag] : [])])],
      digests: [...new Set([...(existing?.digests ?? []), repoDigest])],
      config: pulled.config,
      layers: pulled.layers.map(({ digest, size: bytes, mediaType }, i) => ({ digest, size: bytes, mediaType, unpackedSize: unpacked[i]! })),
      size: unpacked.reduce((n, bytes) => n + bytes, 0),
    });
    onPulled(familiarString(ref));
    emit({ status: `Digest: ${pulled.repoDigest}` });
    emit({ status: `Status: ${upToDate ? "Image is up to date" : "Downloaded newer image"} for ${familiarString(ref)}` });
  })();
  work.then(
    () => queue.close(),
    (error: unknown) => {
      emit({ errorDetail: { message: errorMessage(error) }, error: errorMessage(error) });
      queue.close();
    },
  );
  yield* queue.drain();
}

/** Docker's progress bar: [=====>     ] 1.2MB/2.4MB */
function bar(current: number, total: number): string {
  const width = 50;
  const filled = total > 0 ? Math.floor((current / total) * width) : width;
  const head = filled < width ? ">" : "=";
  return `[${"=".repeat(Math.max(0, filled - (head === ">" ? 1 : 0)))}${filled > 0 ? head : ""}${" ".repeat(width - filled)}] ${humanSize(current)}/${humanSize(total)}`;
}

function humanSize(bytes: number): string {
  const units = ["B", "kB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 3 : value < 100 ? 2 : 1).replace(/\.?0+$/, "")}${units[unit]}`;
}
