import type { EventMessage } from "../../../../shared/engine-api/events";
import type { EventsOptions } from "../../../daemon/events";

/** What `GET /events` needs of the daemon (moby's router/system Backend.SubscribeToEvents). */
export interface EventsBackend {
  subscribe(options: EventsOptions): AsyncIterable<EventMessage>;
}
