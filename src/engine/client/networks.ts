import type { EndpointConfig } from "../../shared/engine-api/containers";
import type { NetworkCreateRequest, NetworkCreateResponse, NetworkInspect, NetworkPruneResponse } from "../../shared/engine-api/networks";
import type { FiltersJson } from "./containers";
import type { EngineHttpClient } from "./engine-http-client";
import { pathPart } from "./paths";

/** The network calls of the Engine API (moby's client NetworkList, NetworkCreate...). */
export class NetworksApi {
  constructor(private readonly http: EngineHttpClient) {}

  list(options: { filters?: FiltersJson } = {}): Promise<NetworkInspect[]> {
    return this.http.json("GET", "/networks", { query: { filters: options.filters } });
  }

  inspect(name: string, options: { verbose?: boolean } = {}): Promise<NetworkInspect> {
    return this.http.json("GET", `/networks/${pathPart(name)}`, { query: { verbose: options.verbose || undefined } });
  }

  /** `POST /networks/create`: the body in the order docker's client writes it (CreateOptions, then Name). */
  create(request: NetworkCreateRequest): Promise<NetworkCreateResponse> {
    const { Name, ...options } = request;
    return this.http.json("POST", "/networks/create", { body: { ...options, Name } });
  }

  async remove(name: string): Promise<void> {
    await this.http.text("DELETE", `/networks/${pathPart(name)}`);
  }

  prune(filters?: FiltersJson): Promise<NetworkPruneResponse> {
    return this.http.json("POST", "/networks/prune", { query: { filters } });
  }

  async connect(network: string, container: string, settings: EndpointConfig = {}): Promise<void> {
    await this.http.text("POST", `/networks/${pathPart(network)}/connect`, { body: { Container: container, EndpointConfig: settings } });
  }

  async disconnect(network: string, container: string, options: { force?: boolean } = {}): Promise<void> {
    await this.http.text("POST", `/networks/${pathPart(network)}/disconnect`, { body: { Container: container, Force: options.force ?? false } });
  }
}
