import { DrydockError } from "../../../shared/errors";
import type { Daemon } from "../../daemon/daemon";
import type { DockerEvent } from "../../daemon/events";
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
        const filters = parseFilters(c.query.get("filters"));
        const untilMs = until ? Number(until) * 1000 : undefined;
        const wanted = (event: DockerEvent) => matches(event, filters) && (untilMs === undefined || event.timeNano / 1e6 <= untilMs);
        const queue: DockerEvent[] = since ? daemon.events.since(Number(since)).filter(wanted) : [];
        let wake: (() => void) | undefined;
        const subscription = daemon.events.on((event) => {
          if (!wanted(event)) return;
          queue.push(event);
          wake?.();
        });
        const signal = c.request.signal;
        return {
          status: 200,
          headers: { "Content-Type": "application/json" },
          stream: (async function* () {
            const timer = untilMs !== undefined ? setTimeout(() => wake?.(), Math.max(0, untilMs - Date.now())) : undefined;
            const onAbort = () => wake?.();
            signal.addEventListener("abort", onAbort);
            try {
              for (;;) {
                while (queue.length > 0) yield JSON.stringify(queue.shift()) + "\n";
                if (signal.aborted || (untilMs !== undefined && Date.now() >= untilMs)) return;
                await new Promise<void>((resolve) => (wake = resolve));
                wake = undefined;
              }
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

function parseFilters(text: string | null): Record<string, string[]> {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as Record<string, Record<string, boolean> | string[]>;
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, Array.isArray(v) ? v : Object.keys(v)]));
  } catch {
    throw new DrydockError("InvalidParameter", "invalid filter");
  }
}

function matches(event: DockerEvent, filters: Record<string, string[]>): boolean {
  for (const [key, values] of Object.entries(filters)) {
    const ok = values.some((value) => {
      switch (key) {
        case "type":
          return event.Type === value;
        case "event":
          return event.Action === value || event.Action.startsWith(`${value}:`);
        case "container":
          return event.Type === "container" && (event.Actor.ID.startsWith(value) || event.Actor.Attributes.name === value);
        case "image":
          return event.Actor.Attributes.image === value || event.Actor.Attributes.name === value || event.Actor.ID === value;
        case "label": {
          const [k, v] = value.split("=");
          return k! in event.Actor.Attributes && (v === undefined || event.Actor.Attributes[k!] === v);
        }
        default:
          throw new DrydockError("InvalidParameter", `invalid filter '${key}'`);
      }
    });
    if (!ok) return false;
  }
  return true;
}
