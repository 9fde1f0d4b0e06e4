import type { Verb } from "../../command";
import { compile } from "../../format/render";
import { jsonLines } from "../../streams/json-lines";
import { filtersQuery } from "../filters";
import { timestampQuery } from "../timestamps";

interface Event {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  time: number;
  timeNano: number;
}

/** Go's RFC3339NanoFixed in UTC: 2024-05-01T12:03:04.000000000Z. */
function eventTime(timeNano: number): string {
  const ms = Math.floor(timeNano / 1e6);
  const nanos = String(timeNano % 1e9).padStart(9, "0");
  return new Date(ms).toISOString().replace(/\.\d+Z$/, `.${nanos}Z`);
}

function line(event: Event): string {
  const attributes = Object.entries(event.Actor.Attributes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  return `${eventTime(event.timeNano)} ${event.Type} ${event.Action} ${event.Actor.ID}${attributes ? ` (${attributes})` : ""}\n`;
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
    const { chunks } = await context.api.stream("GET", "/events", { query, signal: context.signal });
    for await (const event of jsonLines<Event>(chunks)) {
      await context.out(template ? template.execute({ ...event, ID: event.Actor.ID, Status: event.Action, ...(event.Type === "container" ? { From: event.Actor.Attributes.image } : {}) }) + "\n" : line(event));
    }
    return 0;
  },
};
