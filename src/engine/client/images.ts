import type { ImageDeleteResponseItem, ImageHistoryResponseItem, ImageInspect, ImageSummary } from "../../shared/engine-api/images";
import type { ImagePruneResponse } from "../../shared/engine-api/prune";
import type { FiltersJson } from "./containers";
import type { EngineHttpClient } from "./engine-http-client";
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

  /** `POST /images/create`: the pull's progress, one JSON message a line, as it comes. */
  async pull(image: { fromImage: string; tag?: string }, signal?: AbortSignal): Promise<AsyncGenerator<Uint8Array>> {
    return (await this.http.stream("POST", "/images/create", { query: { fromImage: image.fromImage, tag: image.tag }, signal })).chunks;
  }
}
