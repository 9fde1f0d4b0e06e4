import { DrydockError, errorMessage } from "../../../../shared/errors";
import { Filters } from "../../../daemon/filters/filters";
import { parseUnixTimestamp } from "../../../daemon/filters/timestamp";
import type { HttpResponse } from "../../http/response";
import type { RouteContext } from "../../route";
import type { EventsBackend } from "./backend";

/** `GET /events`: past events from `since`, then live ones until `until` or the client leaves. */
export async function events(backend: EventsBackend, c: RouteContext): Promise<HttpResponse> {
  const since = c.query.get("since");
  const until = c.query.get("until");
  const filters = Filters.parse(c.query.get("filters"));
  const sinceMs = since ? eventTime(since) : undefined;
  const untilMs = until ? eventTime(until) : undefined;
  if (sinceMs !== undefined && untilMs !== undefined && untilMs < sinceMs) {
    throw new DrydockError("InvalidParameter", `\`since\` time (${since}) cannot be after \`until\` time (${until})`);
  }
  const subscription = backend.subscribe({ sinceMs, untilMs, filters, signal: c.request.signal });
  return {
    status: 200,
    headers: { "Content-Type": "application/json" },
    stream: (async function* () {
      for await (const event of subscription) yield JSON.stringify(event) + "\n";
    })(),
  };
}

/** `since` and `until` as moby's events route reads them: Unix seconds (the docker CLI converts `10m` and dates). */
function eventTime(text: string): number {
  try {
    return parseUnixTimestamp(text);
  } catch (error) {
    throw new DrydockError("InvalidParameter", errorMessage(error));
  }
}
