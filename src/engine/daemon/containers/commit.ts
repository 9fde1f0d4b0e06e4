import type { ContainerCreateBody } from "../../../shared/engine-api/containers";
import type { ContainerConfigV1, ImageConfig } from "../../../shared/oci";
import { DrydockError } from "../../../shared/errors";
import { applyConfigInstruction, isConfigInstruction } from "../../builder/config-changes";
import { parseDockerfile } from "../../builder/dockerfile/parse";
import { expandWord, expandWords } from "../../builder/dockerfile/shell";
import { imageOf, isEmptyLayer, storeLayer } from "../../image/built-image";
import { displayName } from "../../image/image-store";
import { canonicalString, parseReference, withDefaultTag } from "../../image/reference";
import type { DaemonCore } from "../core";

export interface CommitOptions {
  /** repo[:tag] to name the image by; none leaves it untagged. */
  reference?: string;
  comment: string;
  author: string;
  /** Dockerfile instructions (CMD, ENV, ...) applied to the image's config (`-c`). */
  changes: string[];
  /** Freeze the container while its changes are read (the default). */
  pause: boolean;
}

/** What `--change` may say, as `docker commit` documents it. */
const CHANGE_KINDS = new Set(["CMD", "ENTRYPOINT", "HEALTHCHECK", "ENV", "EXPOSE", "LABEL", "ONBUILD", "USER", "VOLUME", "WORKDIR"]);

/**
 * `POST /commit`: the container's changes as a new layer on its image, the container's settings
 * (command, environment, ...) as the new image's config, then `changes` over them.
 */
export async function commit(core: DaemonCore, nameOrId: string, options: CommitOptions): Promise<string> {
  const container = core.containers.get(nameOrId);
  const reference = options.reference ? canonicalString(withDefaultTag(parseReference(options.reference))) : undefined;
  const image = await core.images.get(container.imageId);
  const config: ImageConfig = structuredClone(image.config);
  config.config = { ...config.config, ...containerSettings(container.config, container.path, container.args, config.config ?? {}) };
  // The history names the container's command (its Cmd), as Docker's does, whatever -c makes of it.
  const createdBy = (config.config.Cmd ?? []).join(" ");
  applyChanges(config, options.changes);
  const pause = options.pause && container.state.Running && !container.state.Paused;
  if (pause) await core.runtime.pause(container.id);
  let tar: Uint8Array;
  try {
    tar = await core.runtime.diff(container.id);
  } finally {
    if (pause) await core.runtime.unpause(container.id);
  }
  // A container that changed nothing adds no layer, as Docker records it (an empty_layer step).
  const layer = (await isEmptyLayer(tar)) ? undefined : await storeLayer(core, tar);
  const created = new Date().toISOString();
  config.created = created;
  // The image is the committer's: the base's author is not carried over.
  if (options.author) config.author = options.author;
  else delete config.author;
  if (layer) config.rootfs = { type: "layers", diff_ids: [...config.rootfs.diff_ids, layer.digest] };
  config.history = [...(config.history ?? []), { created, ...(options.author ? { author: options.author } : {}), created_by: createdBy, ...(options.comment ? { comment: options.comment } : {}), ...(layer ? {} : { empty_layer: true }) }];
  const made = await imageOf(config, layer ? [...image.layers, layer] : image.layers);
  await core.images.put({ ...made, tags: reference ? [reference] : [] });
  core.events.container(container, "commit", { comment: options.comment, imageID: made.id, ...(reference ? { imageRef: displayName(reference) } : {}) });
  if (reference) core.events.emit("image", "tag", made.id, { name: displayName(reference) });
  return made.id;
}

/** What the container was created with over its image's settings. */
function containerSettings(body: ContainerCreateBody, path: string, args: string[], image: ContainerConfigV1): ContainerConfigV1 {
  const env = new Map((image.Env ?? []).map((entry) => [entry.split("=")[0]!, entry]));
  for (const entry of body.Env ?? []) env.set(entry.split("=")[0]!, entry);
  const entrypoint = body.Entrypoint === undefined || body.Entrypoint === null ? image.Entrypoint : typeof body.Entrypoint === "string" ? [body.Entrypoint] : body.Entrypoint;
  const all = [path, ...args];
  const cmd = entrypoint && entrypoint.length > 0 ? all.slice(entrypoint.length) : all;
  return {
    Env: [...env.values()],
    Cmd: cmd,
    ...(entrypoint ? { Entrypoint: entrypoint } : {}),
    ...(body.User ? { User: body.User } : {}),
    ...(body.WorkingDir ? { WorkingDir: body.WorkingDir } : {}),
    ...(body.Labels ? { Labels: { ...(image.Labels ?? {}), ...body.Labels } } : {}),
    ...(body.ExposedPorts ? { ExposedPorts: { ...(image.ExposedPorts ?? {}), ...body.ExposedPorts } } : {}),
    ...(body.Volumes ? { Volumes: { ...(image.Volumes ?? {}), ...body.Volumes } } : {}),
    ...(body.StopSignal ? { StopSignal: body.StopSignal } : {}),
  };
}

/**
 * `-c`: Dockerfile lines, all parsed together as Docker joins them (a change may hold several
 * lines, each checked); variables expand from the config's ENV, as Docker does. One stage's
 * state for all: ENTRYPOINT clears the Cmd unless a CMD among the changes set it.
 */
function applyChanges(config: ImageConfig, changes: readonly string[]): void {
  if (changes.length === 0) return;
  const stage = { cmdSet: false };
  for (const instruction of parseDockerfile(`FROM scratch\n${changes.join("\n")}\n`).stages[0]?.instructions ?? []) {
    if (!CHANGE_KINDS.has(instruction.kind) || !isConfigInstruction(instruction)) throw new DrydockError("InvalidParameter", `${instruction.kind.toLowerCase()} is not a valid change command`);
    const env = new Map((config.config?.Env ?? []).map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)]));
    const lookup = (name: string) => env.get(name);
    applyConfigInstruction(config, instruction, { word: (w) => expandWord(w, lookup), words: (w) => expandWords(w, lookup) }, stage);
  }
}
