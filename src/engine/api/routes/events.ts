import { AsyncQueue } from "../../../shared/async-queue";
import { DrydockError, errorMessage } from "../../../shared/errors";
import type { Daemon } from "../../daemon/daemon";
import type { DockerEvent } from "../../daemon/events";
import { eventFilter } from "../event-filters";
import { Filters } from "../filters";
import type { Route } from "../route";
import { parseUnixTimestamp } from "../timestamp";

/** `GET /events`: past events from `since`, then live ones until `until` or the client leaves. */
export function eventRoutes(daemon: Daemon): Route[] {
  return [
    {
      method: "GET",
      path: "/events",
      handle: async (c) => {
        const since = c.query.get("since");
        const until = c.query.get("until");
        const matches = eventFilter(Filters.parse(c.query.get("filters")));
        const sinceMs = since ? eventTime(since) : undefined;
        const untilMs = until ? eventTime(until) : undefined;
        if (sinceMs !== undefined && untilMs !== undefined && untilMs < sinceMs) {
          throw new DrydockError("InvalidParameter", `\`since\` time (${since}) cannot be after \`until\` time (${until})`);
        }
        const wanted = (event: DockerEvent) => matches(event) && (untilMs === undefined || event.timeNano / 1e6 <= untilMs);
        const queue = new AsyncQueue<DockerEvent>();
        if (sinceMs !== undefined) for (const event of daemon.events.since(sinceMs / 1000).filter(wanted)) queue.push(event);
        const subscription = daemon.events.on((event) => wanted(event) && queue.push(event));
        const signal = c.request.signal;
        return {
          status: 200,
          headers: { "Content-Type": "application/json" },
          stream: (async function* () {
            const timer = untilMs !== undefined ? setTimeout(() => queue.close(), Math.max(0, untilMs - Date.now())) : undefined;
            const onAbort = () => queue.close();
            signal.addEventListener("abort", onAbort);
            if (signal.aborted) queue.close();
            try {
              for await (const event of queue.drain()) yield JSON.stringify(event) + "\n";
            } finally {
              clearTimeout(timer);
              signal.removeEventListener("abort", onAbort);
              subscription.dispose();
            }
          })(),
        };
      },
    },
  ];
}

/** `since` and `until` as moby's events route reads them: Unix seconds (the docker CLI converts `10m` and dates). */
function eventTime(text: string): number {
  try {
    return parseUnixTimestamp(text);
  } catch (error) {
    throw new DrydockError("InvalidParameter", errorMessage(error));
  }
}
