import type { EventMessage } from "../../shared/engine-api/events";
import type { SystemDataUsageResponse, SystemInfo, SystemVersion } from "../../shared/engine-api/system";
import type { FiltersJson } from "./containers";
import type { EngineHttpClient } from "./engine-http-client";
import { textLines } from "./json-lines";

/** An event with its line as sent: timeNano has more digits than a JavaScript number keeps. */
export interface EventLine {
  event: EventMessage;
  text: string;
}

/** The daemon as a whole: its facts, its version, its disk usage, its events. */
export class SystemApi {
  constructor(private readonly http: EngineHttpClient) {}

  info(): Promise<SystemInfo> {
    return this.http.json("GET", "/info");
  }

  version(): Promise<SystemVersion> {
    return this.http.json("GET", "/version");
  }

  diskUsage(): Promise<SystemDataUsageResponse> {
    return this.http.json("GET", "/system/df");
  }

  /**
   * `GET /events`, once the daemon answered: past ones from `since`, then live ones until
   * `until` or `signal` aborts.
   */
  async events(options: { since?: string; until?: string; filters?: FiltersJson; signal?: AbortSignal } = {}): Promise<AsyncGenerator<EventLine>> {
    const { signal, ...query } = options;
    const { chunks } = await this.http.stream("GET", "/events", { query, signal });
    return (async function* () {
      for await (const text of textLines(chunks)) yield { event: JSON.parse(text) as EventMessage, text };
    })();
  }
}
