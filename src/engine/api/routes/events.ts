import { AsyncQueue } from "../../../shared/async-queue";
import type { Daemon } from "../../daemon/daemon";
import type { DockerEvent } from "../../daemon/events";
import { eventFilter } from "../event-filters";
import { Filters } from "../filters";
import type { Route } from "../route";

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
        const untilMs = until ? Number(until) * 1000 : undefined;
        const wanted = (event: DockerEvent) => matches(event) && (untilMs === undefined || event.timeNano / 1e6 <= untilMs);
        const queue = new AsyncQueue<DockerEvent>();
        if (since) for (const event of daemon.events.since(Number(since)).filter(wanted)) queue.push(event);
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
