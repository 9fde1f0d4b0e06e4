import { AsyncQueue } from "../../../shared/async-queue";
import type { BuildMessage } from "../../../shared/engine-api/build";
import { DrydockError, errorMessage } from "../../../shared/errors";
import { concatBytes } from "../../../shared/bytes";
import { BuildContext } from "../../builder/context";
import { PatternMatcher, readDockerignore } from "../../builder/dockerignore";
import { gunzipped, isGzip, once } from "../../layer/gunzip";
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
    const tags = options.tags.map(buildTag);
    const context = await BuildContext.read(once(await uncompressed(contextTar)));
    const dockerfileName = options.dockerfile || "Dockerfile";
    const file = context.get(dockerfileName) ?? (options.dockerfile ? undefined : context.get("dockerfile"));
    if (!file || file.type !== "file") throw new DrydockError("InvalidParameter", `Cannot locate specified Dockerfile: ${dockerfileName}`);
    const dockerfile = parseDockerfile(new TextDecoder().decode(file.body));
    leaveOutBuildFiles(context, dockerfileName);
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
    // A step that made no layer costs nothing and its image is the parent the next steps' keys
    // name: it goes only with everything else.
    const doomed = records.filter((record) => all || (record.layer && !inImages.has(record.image.layers.at(-1)!.digest)));
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

/** A `-t` as Docker takes it: a name and tag, never a digest. */
function buildTag(tag: string): string {
  let reference;
  try {
    reference = parseReference(tag);
  } catch {
    throw new DrydockError("InvalidParameter", `invalid reference format: ${tag}`);
  }
  if (reference.digest) throw new DrydockError("InvalidParameter", `invalid reference format: ${tag}: a tag cannot name a digest`);
  return canonicalString(withDefaultTag(reference));
}

/** The context's bytes, gunzipped when `docker build --compress` sent them so (bzip2 and xz are refused). */
async function uncompressed(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  const bytes = concatBytes(parts);
  if (isGzip(bytes)) return gunzipped(bytes);
  if ((bytes[0] === 0x42 && bytes[1] === 0x5a && bytes[2] === 0x68) || (bytes[0] === 0xfd && bytes[1] === 0x37 && bytes[2] === 0x7a)) {
    throw new DrydockError("NotImplemented", "a build context compressed with bzip2 or xz is not supported by Drydock: send it as a tar or gzip");
  }
  return bytes;
}

/**
 * The daemon's side of docker/cli's rule: the client sends the Dockerfile and .dockerignore
 * even when .dockerignore names them; once read, they are left out of what COPY sees.
 */
function leaveOutBuildFiles(context: BuildContext, dockerfileName: string): void {
  const ignore = context.get(".dockerignore");
  if (ignore?.type !== "file") return;
  const matcher = new PatternMatcher(readDockerignore(new TextDecoder().decode(ignore.body)));
  // Without a parent's match, the matcher tests the path's parent directories too (moby's MatchesOrParentMatches).
  for (const path of [".dockerignore", dockerfileName]) if (matcher.match(path).excluded) context.remove(path);
}
