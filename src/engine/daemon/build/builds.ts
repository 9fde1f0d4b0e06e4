import { AsyncQueue } from "../../../shared/async-queue";
import type { BuildMessage } from "../../../shared/engine-api/build";
import { DrydockError, errorMessage } from "../../../shared/errors";
import { BuildContext } from "../../builder/context";
import { parseDockerfile } from "../../builder/dockerfile/parse";
import { canonicalString, parseReference, withDefaultTag } from "../../image/reference";
import type { DaemonCore } from "../core";
import type { Images } from "../images/images";
import { runBuild } from "./build-run";
import type { CacheRecord } from "./build-cache";
import type { BuildOptions } from "./build-options";
import { BuildOutput } from "./progress";
import { planStages } from "./stage-plan";
import { StepFailed } from "./step-failed";

/** A build whose input was found sound: its stream runs it. */
export interface PreparedBuild {
  messages: AsyncGenerator<BuildMessage>;
}

/**
 * The daemon's builder (moby's classic builder behind `POST /build`): everything that can be
 * refused is refused before the first byte of output (a plain HTTP error, as Docker answers
 * it); then the build streams, and its failures come as an error message in the stream.
 */
export class Builds {
  constructor(
    private readonly core: DaemonCore,
    private readonly images: Images,
  ) {}

  async prepare(options: BuildOptions, contextTar: AsyncIterable<Uint8Array>, signal: AbortSignal): Promise<PreparedBuild> {
    const tags = options.tags.map((tag) => {
      try {
        return canonicalString(withDefaultTag(parseReference(tag)));
      } catch {
        throw new DrydockError("InvalidParameter", `invalid reference format: ${tag}`);
      }
    });
    const context = await BuildContext.read(contextTar);
    const dockerfileName = options.dockerfile || "Dockerfile";
    const file = context.get(dockerfileName) ?? (options.dockerfile ? undefined : context.get("dockerfile"));
    if (!file || file.type !== "file") throw new DrydockError("InvalidParameter", `Cannot locate specified Dockerfile: ${dockerfileName}`);
    const dockerfile = parseDockerfile(new TextDecoder().decode(file.body));
    planStages(dockerfile, options.target, undefined);
    const queue = new AsyncQueue<BuildMessage>();
    const output = new BuildOutput((message) => queue.push(message), options.quiet);
    const request = { context, dockerfileName, dockerfile, tags, buildArgs: options.buildArgs, target: options.target, labels: options.labels, noCache: options.noCache, pull: options.pull, signal };
    const deps = { core: this.core, pull: (name: string) => this.images.pull(name, undefined) };
    void runBuild(deps, request, output).then(
      (id) => {
        if (options.quiet) queue.push({ stream: `${id}\n` });
        queue.close();
      },
      (error: unknown) => {
        output.flushHeld();
        const message = errorMessage(error);
        queue.push({ errorDetail: { ...(error instanceof StepFailed && error.code !== undefined ? { code: error.code } : {}), message }, error: message });
        queue.close();
      },
    );
    return { messages: queue.drain() };
  }

  /**
   * `POST /build/prune`: the cached steps whose layer no image has (`all`: every one), then the
   * layer blobs nothing holds any more. What it freed, by record.
   */
  async prune(all: boolean): Promise<{ deleted: string[]; reclaimed: number }> {
    const records = await this.core.buildCache.list();
    const images = await this.core.images.list();
    const inImages = new Set(images.flatMap((image) => image.layers.map((layer) => layer.digest)));
    const doomed = records.filter((record) => all || !record.layer || !inImages.has(record.image.layers.at(-1)!.digest));
    for (const record of doomed) await this.core.buildCache.delete(record.key);
    const kept = new Set((await this.core.buildCache.list()).flatMap((record) => record.image.layers.map((layer) => layer.digest)));
    let reclaimed = 0;
    const deleted: string[] = [];
    for (const record of doomed) {
      if (!record.layer) continue;
      deleted.push(cacheId(record.key));
      const layer = record.image.layers.at(-1)!;
      if (inImages.has(layer.digest) || kept.has(layer.digest) || !(await this.core.blobs.has(layer.digest))) continue;
      await this.core.blobs.delete(layer.digest);
      reclaimed += layer.size;
    }
    return { deleted, reclaimed };
  }
}

/** The cached steps that made a layer, as `docker system df` lists the build cache. */
export async function cacheUsage(core: DaemonCore): Promise<CacheUsage[]> {
  const images = await core.images.list();
  const inImages = new Set(images.flatMap((image) => image.layers.map((layer) => layer.digest)));
  return (await core.buildCache.list())
    .filter((record) => record.layer)
    .map((record) => {
      const layer = record.image.layers.at(-1)!;
      return { record, size: layer.unpackedSize ?? layer.size, shared: inImages.has(layer.digest) };
    });
}

export interface CacheUsage {
  record: CacheRecord;
  size: number;
  /** Its layer is also an image's. */
  shared: boolean;
}

/** A record's ID as BuildKit shows them (25 characters). */
export function cacheId(key: string): string {
  return key.slice(0, 25);
}
