import type { ImageUsage } from "../../daemon/images/images";
import { imageCreated, imageCreatedSeconds, type ImageRecord } from "../../image/image-store";
import type { ImageHistoryResponseItem, ImageInspect, ImageSummary } from "../../../shared/engine-api/images";
import { familiarString, parseReference } from "../../image/reference";

const familiar = (canonical: string) => familiarString(parseReference(canonical));

/** One row of `GET /images/json` (and of `/system/df`'s images). */
export function listImage({ image, containers, sharedSize }: ImageUsage): ImageSummary {
  return {
    Id: image.id,
    ParentId: "",
    RepoTags: image.tags.map(familiar),
    RepoDigests: image.digests.map(familiar),
    Created: imageCreatedSeconds(image),
    Size: image.size,
    SharedSize: sharedSize,
    Labels: image.config.config?.Labels ?? {},
    Containers: containers,
  };
}

/** `GET /images/{name}/json`. */
export function inspectImage(image: ImageRecord): ImageInspect {
  const config = image.config.config ?? {};
  return {
    Id: image.id,
    RepoTags: image.tags.map(familiar),
    RepoDigests: image.digests.map(familiar),
    Parent: "",
    Comment: "",
    Created: imageCreated(image),
    DockerVersion: "",
    Author: image.config.author ?? "",
    Config: {
      Hostname: "",
      Domainname: "",
      User: config.User ?? "",
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      Tty: false,
      OpenStdin: false,
      StdinOnce: false,
      Env: config.Env ?? null,
      Cmd: config.Cmd ?? null,
      Image: "",
      Volumes: config.Volumes ?? null,
      WorkingDir: config.WorkingDir ?? "",
      Entrypoint: config.Entrypoint ?? null,
      OnBuild: config.OnBuild ?? null,
      Labels: config.Labels ?? null,
      ...(config.ExposedPorts ? { ExposedPorts: config.ExposedPorts } : {}),
      ...(config.StopSignal ? { StopSignal: config.StopSignal } : {}),
      ...(config.Healthcheck ? { Healthcheck: config.Healthcheck } : {}),
      ...(config.Shell ? { Shell: config.Shell } : {}),
    },
    Architecture: image.config.architecture,
    Os: image.config.os,
    Size: image.size,
    GraphDriver: { Data: null, Name: "overlay2" },
    RootFS: { Type: "layers", Layers: image.config.rootfs.diff_ids },
    Metadata: { LastTagTime: "0001-01-01T00:00:00Z" },
  };
}

/**
 * `GET /images/{name}/history`: newest first, as Docker lists it. Each entry that made a layer
 * (not an empty_layer) has that layer's unpacked size, the layers taken in order.
 */
export function imageHistory(image: ImageRecord): ImageHistoryResponseItem[] {
  const history = image.config.history ?? [];
  let layer = 0;
  return history
    .map((entry, i) => ({
      Id: i === history.length - 1 ? image.id : "<missing>",
      Created: Math.floor(Date.parse(entry.created ?? imageCreated(image)) / 1000),
      CreatedBy: entry.created_by ?? "",
      Tags: i === history.length - 1 ? image.tags.map(familiar) : null,
      Size: entry.empty_layer ? 0 : layerSize(image, layer++),
      Comment: entry.comment ?? "",
    }))
    .reverse();
}

/** A layer's unpacked size; an image pulled before sizes were kept knows only its total. */
function layerSize(image: ImageRecord, index: number): number {
  const layer = image.layers[index];
  if (layer?.unpackedSize !== undefined) return layer.unpackedSize;
  return image.layers.length === 1 ? image.size : 0;
}
