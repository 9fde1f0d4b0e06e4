import type { ImageDeleteResponseItem, ImageHistoryResponseItem, ImageInspect, ImageSummary } from "../../shared/engine-api/images";
import type { BuildCachePruneResponse, ImagePruneResponse } from "../../shared/engine-api/prune";
import type { FiltersJson } from "./containers";
import type { EngineHttpClient } from "./engine-http-client";
import type { SizedBody } from "./http-connection";
import { pathPart } from "./paths";

/** The image calls of the Engine API (moby's client ImageList, ImagePull...). */
export class ImagesApi {
  constructor(private readonly http: EngineHttpClient) {}

  list(options: { all?: boolean; filters?: FiltersJson } = {}): Promise<ImageSummary[]> {
    return this.http.json("GET", "/images/json", { query: { all: options.all || undefined, filters: options.filters } });
  }

  inspect(name: string): Promise<ImageInspect> {
    return this.http.json("GET", `/images/${pathPart(name)}/json`);
  }

  history(name: string): Promise<ImageHistoryResponseItem[]> {
    return this.http.json("GET", `/images/${pathPart(name)}/history`);
  }

  async tag(name: string, target: { repo: string; tag?: string }): Promise<void> {
    await this.http.text("POST", `/images/${pathPart(name)}/tag`, { query: { repo: target.repo, tag: target.tag } });
  }

  remove(name: string, options: { force?: boolean; noprune?: boolean } = {}): Promise<ImageDeleteResponseItem[]> {
    return this.http.json("DELETE", `/images/${pathPart(name)}`, { query: { force: options.force || undefined, noprune: options.noprune || undefined } });
  }

  prune(filters?: FiltersJson): Promise<ImagePruneResponse> {
    return this.http.json("POST", "/images/prune", { query: { filters } });
  }

  /** `POST /build/prune`: the build cache no image holds (`all`: all of it). */
  pruneBuildCache(options: { all?: boolean } = {}): Promise<BuildCachePruneResponse> {
    return this.http.json("POST", "/build/prune", { query: { all: options.all || undefined } });
  }

  /** `POST /images/create`: the pull's progress, one JSON message a line, as it comes. */
  async pull(image: { fromImage: string; tag?: string }, signal?: AbortSignal): Promise<AsyncGenerator<Uint8Array>> {
    return (await this.http.stream("POST", "/images/create", { query: { fromImage: image.fromImage, tag: image.tag }, signal })).chunks;
  }

  /**
   * `POST /build` with the context's tar as the body: the build's messages (build.ts in
   * shared/engine-api), one JSON value a line, as they come. The query is the official CLI's
   * (docker 28's client): its keys in order, `rm` only to opt out, no credentials (this CLI has
   * no docker login, so X-Registry-Config is the empty set docker sends without any).
   */
  async build(context: SizedBody, options: BuildOptions, signal?: AbortSignal): Promise<AsyncGenerator<Uint8Array>> {
    const json = (map: Record<string, unknown> | undefined) => (map && Object.keys(map).length > 0 ? JSON.stringify(map) : undefined);
    const query = {
      buildargs: json(options.buildArgs),
      dockerfile: options.dockerfile || undefined,
      forcerm: options.forceRemove || undefined,
      labels: json(options.labels),
      nocache: options.noCache || undefined,
      pull: options.pull || undefined,
      q: options.quiet || undefined,
      rm: options.remove === false ? false : undefined,
      t: options.tags?.length ? options.tags : undefined,
      target: options.target || undefined,
      version: "1",
    };
    const upload = { contentType: "application/x-tar", length: context.length, chunks: context.chunks };
    return (await this.http.stream("POST", "/build", { query, upload, signal, headers: { "X-Registry-Config": "e30=" } })).chunks;
  }
}

/** What `docker build`'s flags ask of the daemon (moby's ImageBuildOptions, the part Drydock builds with). */
export interface BuildOptions {
  tags?: readonly string[];
  /** The Dockerfile's path inside the context (`Dockerfile`, `sub/app.Dockerfile`). */
  dockerfile?: string;
  /** `--build-arg NAME` with no value and none in the client's environment is null, as docker sends it. */
  buildArgs?: Record<string, string | null>;
  target?: string;
  labels?: Record<string, string>;
  noCache?: boolean;
  /** Only the image ID in the classic stream (-q). */
  quiet?: boolean;
  /** Remove intermediate containers after a successful build; true unless said otherwise. */
  remove?: boolean;
  forceRemove?: boolean;
  pull?: boolean;
}
