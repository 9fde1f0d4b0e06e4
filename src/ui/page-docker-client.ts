/* eslint-disable no-restricted-imports -- the one door from the UI into engine/: the docker
   CLI's client side (HTTP client, response shapes, stream readers), no daemon internals; the
   page is a Docker client speaking the API's bytes over the worker protocol, as the brief asks. */
import { ApiClient } from "../engine/cli/client/api-client";
import { jsonLines } from "../engine/cli/streams/json-lines";
export type { ApiClient } from "../engine/cli/client/api-client";
export type { ContainerSummary } from "../engine/cli/format/container-row";
export type { ImageSummary } from "../engine/cli/format/image-row";
export { humanSizeWithPrecision } from "../engine/cli/format/units";
export { StdcopyReader } from "../engine/cli/streams/stdcopy";
/* eslint-enable no-restricted-imports */
import { DRYDOCK_VERSION } from "../shared/version";
import { openApiConnection, type EngineMessages } from "./api-connection";

/** The page as a Docker client: the CLI's own HTTP client, over connections to the worker. */
export function pageApiClient(engine: EngineMessages, name: string): ApiClient {
  return new ApiClient(() => Promise.resolve(openApiConnection(engine)), "drydock://this-page", `${name}/${DRYDOCK_VERSION}`);
}

/** What GET /events sends, as far as the page reads it. */
export interface DaemonEvent {
  Type: string;
  Action: string;
  Actor?: { ID: string; Attributes?: Record<string, string> };
}

/** Which of the page's lists an event changes. */
export interface Stale {
  containers: boolean;
  images: boolean;
}

// Container events that leave the list as it was.
const QUIET = new Set(["attach", "detach", "resize", "top", "archive-path", "extract-to-dir", "export", "exec_create", "exec_start", "exec_die"]);

export function staleAfter(event: DaemonEvent): Stale {
  const action = event.Action.split(":")[0]!;
  return { containers: event.Type === "container" && !QUIET.has(action), images: event.Type === "image" };
}

/**
 * Follows GET /events until `signal` aborts, reopening it if it drops (the engine may not be up
 * yet); `onOpen` runs each time it opens, when the lists should be fetched whole.
 */
export async function followEvents(api: ApiClient, signal: AbortSignal, onOpen: () => void, onEvent: (event: DaemonEvent) => void): Promise<void> {
  while (!signal.aborted) {
    try {
      const { chunks } = await api.stream("GET", "/events", { signal });
      onOpen();
      for await (const event of jsonLines<DaemonEvent>(chunks)) onEvent(event);
    } catch {
      // Dropped or refused: tried again below, unless the caller stopped following.
    }
    if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
