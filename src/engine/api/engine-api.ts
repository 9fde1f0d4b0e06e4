import { DRYDOCK_VERSION } from "../../shared/version";
import type { Handler } from "./http/server";
import { createRouter } from "./router";
import type { BuildBackend } from "./routes/build/backend";
import { buildRoutes } from "./routes/build/routes";
import type { ContainersBackend } from "./routes/containers/backend";
import { containerRoutes } from "./routes/containers/routes";
import type { EventsBackend } from "./routes/events/backend";
import { eventRoutes } from "./routes/events/routes";
import type { ExecBackend } from "./routes/exec/backend";
import { execRoutes } from "./routes/exec/routes";
import type { ImagesBackend } from "./routes/images/backend";
import { imageRoutes } from "./routes/images/routes";
import type { NetworksBackend } from "./routes/networks/backend";
import { networkRoutes } from "./routes/networks/routes";
import type { SystemBackend } from "./routes/system/backend";
import { systemRoutes } from "./routes/system/routes";

/** Every backend the Engine API's routes take, one per resource. */
export interface EngineBackend {
  containers: ContainersBackend;
  execs: ExecBackend;
  images: ImagesBackend;
  builds: BuildBackend;
  events: EventsBackend;
  networks: NetworksBackend;
  system: SystemBackend;
}

/** The Engine API over its backends: one HTTP request in, one response out. */
export function engineApi(backend: EngineBackend): Handler {
  const routes = [...systemRoutes(backend.system), ...containerRoutes(backend.containers), ...execRoutes(backend.execs), ...imageRoutes(backend.images), ...buildRoutes(backend.builds), ...eventRoutes(backend.events), ...networkRoutes(backend.networks)];
  return createRouter(routes, `Drydock/${DRYDOCK_VERSION} (linux)`);
}
