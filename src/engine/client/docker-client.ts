import { ContainersApi } from "./containers";
import type { EngineHttpClient } from "./engine-http-client";
import { ExecApi } from "./exec";
import { ImagesApi } from "./images";
import { NetworksApi } from "./networks";
import { SystemApi } from "./system";

/**
 * The Engine API as typed calls, the one client the docker CLI's verbs and the page share:
 * `containers.stop(id, { t })`, `images.list()`, `system.events()`; no path is written
 * anywhere else.
 */
export class DockerClient {
  readonly containers: ContainersApi;
  readonly images: ImagesApi;
  readonly exec: ExecApi;
  readonly networks: NetworksApi;
  readonly system: SystemApi;

  constructor(readonly http: EngineHttpClient) {
    this.containers = new ContainersApi(http);
    this.images = new ImagesApi(http);
    this.exec = new ExecApi(http);
    this.networks = new NetworksApi(http);
    this.system = new SystemApi(http);
  }

  /** The API version in use, negotiated with the daemon on the first call. */
  apiVersion(): Promise<string> {
    return this.http.apiVersion();
  }

  close(): void {
    this.http.close();
  }
}
