/* eslint-disable no-restricted-imports -- the one door from the UI into engine/: the typed Docker
   client, its errors and stream readers; no daemon internals. The page is a Docker client
   speaking the API's bytes over the worker protocol, as the brief asks. */
import { DockerClient } from "../engine/client/docker-client";
import { EngineHttpClient } from "../engine/client/engine-http-client";
export type { DockerClient } from "../engine/client/docker-client";
export { DaemonError } from "../engine/client/errors";
export { StdcopyReader } from "../engine/cli/streams/stdcopy";
/* eslint-enable no-restricted-imports */
import type { EventMessage } from "../shared/engine-api/events";
import { DRYDOCK_VERSION } from "../shared/version";
import type { EngineMessages } from "./engine-worker-channel";
import { openWorkerApiSocket } from "./worker-api-socket";

/** The page as a Docker client: the CLI's own typed client, over sockets carried by worker messages. */
export function dockerClientOverWorker(engine: EngineMessages, name: string): DockerClient {
  return new DockerClient(new EngineHttpClient(() => Promise.resolve(openWorkerApiSocket(engine)), "drydock://this-page", `${name}/${DRYDOCK_VERSION}`));
}

/** Which of the page's lists an event changes. */
export interface Stale {
  containers: boolean;
  images: boolean;
}

// Container events that leave the list as it was.
const QUIET = new Set(["attach", "detach", "resize", "top", "archive-path", "extract-to-dir", "export", "exec_create", "exec_start", "exec_die"]);

export function staleAfter(event: Pick<EventMessage, "Type" | "Action">): Stale {
  const action = event.Action.split(":")[0]!;
  return { containers: event.Type === "container" && !QUIET.has(action), images: event.Type === "image" };
}

/**
 * Follows GET /events until `signal` aborts, reopening it if it drops (the engine may not be up
 * yet); `onOpen` runs each time it opens, when the lists should be fetched whole.
 */
export async function followEvents(api: DockerClient, signal: AbortSignal, onOpen: () => void, onEvent: (event: EventMessage) => void): Promise<void> {
  while (!signal.aborted) {
    try {
      const events = await api.system.events({ signal });
      onOpen();
      for await (const { event } of events) onEvent(event);
    } catch {
      // Dropped or refused: tried again below, unless the caller stopped following.
    }
    if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
