import type { EndpointConfig } from "../../../../shared/engine-api/containers";
import type { NetworkCreateRequest, NetworkCreateResponse } from "../../../../shared/engine-api/networks";
import type { Filters } from "../../../daemon/filters/filters";
import type { NetworkRecord } from "../../../daemon/networks/network-record";

/** What the network routes need of the daemon (moby's router/network backend). */
export interface NetworksBackend {
  list(filters: Filters): Promise<NetworkRecord[]>;
  inspect(term: string): Promise<NetworkRecord>;
  create(request: NetworkCreateRequest): Promise<NetworkCreateResponse>;
  remove(term: string): Promise<void>;
  prune(filters: Filters): Promise<string[]>;
  connect(term: string, container: string, settings: EndpointConfig): Promise<void>;
  disconnect(term: string, container: string, force: boolean): Promise<void>;
}
