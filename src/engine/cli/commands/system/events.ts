import type { EventMessage } from "../../../../shared/engine-api/events";
import type { Verb } from "../../command";
import { compile } from "../../format/render";
import { filtersQuery } from "../filters";
import { timestampQuery } from "../timestamps";

/**
 * Go's RFC3339NanoFixed in UTC: 2024-05-01T12:03:04.000000000Z, from timeNano as the daemon
 * wrote it (nanoseconds since 1970 are past a double's exact integers, so it is read as text).
 */
function eventTime(timeNano: string): string {
  const nanos = BigInt(timeNano);
  const seconds = Number(nanos / 1_000_000_000n);
  return new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, `.${String(nanos % 1_000_000_000n).padStart(9, "0")}Z`);
}

function line(event: EventMessage, timeNano: string): string {
  const attributes = Object.entries(event.Actor.Attributes)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  return `${eventTime(timeNano)} ${event.Type} ${event.Action} ${event.Actor.ID}${attributes ? ` (${attributes})` : ""}\n`;
}

export const events: Verb = {
  name: "events",
  usage: "[OPTIONS]",
  short: "Get real time events from the server",
  flags: [
    { name: "filter", short: "f", type: "filter", usage: "Filter output based on conditions provided" },
    { name: "format", type: "string", usage: "Format output using a custom template" },
    { name: "since", type: "string", usage: "Show all events created since timestamp" },
    { name: "until", type: "string", usage: "Stream events until this timestamp" },
  ],
  async run(context, _args, flags) {
    const now = context.now();
    const query = {
      since: timestampQuery(flags.optional("since"), now),
      until: timestampQuery(flags.optional("until"), now),
      filters: filtersQuery(flags.list("filter")),
    };
    const format = flags.string("format");
    const template = format ? compile(format === "json" ? "{{json .}}" : format) : undefined;
    for await (const { event, text } of await context.api.system.events({ ...query, signal: context.signal })) {
      const timeNano = /"timeNano":\s*(\d+)/.exec(text)?.[1] ?? String(event.time * 1e9);
      await context.out(template ? template.execute(event) + "\n" : line(event, timeNano));
    }
    return 0;
  },
};
