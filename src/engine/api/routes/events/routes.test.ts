import { describe, expect, it } from "vitest";
import { EventLog } from "../../../daemon/events";
import { wholeBody } from "../../../../../tests/support/http-request";
import { createRouter } from "../../router";
import { eventRoutes } from "./routes";

const events = new EventLog();
const handle = createRouter(eventRoutes(events), "Drydock");
const get = async (query: string) => {
  const response = await handle({ method: "GET", path: "/v1.47/events", query: new URLSearchParams(query), headers: new Map(), body: wholeBody(new Uint8Array(0)), signal: AbortSignal.abort() });
  return { status: response.status, body: "body" in response ? String(response.body).trimEnd() : "" };
};

describe("GET /events", () => {
  it("reads since and until as Unix seconds, as moby's route does, and refuses what is not", async () => {
    expect(await get("until=10m")).toEqual({ status: 400, body: '{"message":"strconv.ParseInt: parsing \\"10m\\": invalid syntax"}' });
    expect(await get("since=200&until=100.5")).toEqual({ status: 400, body: '{"message":"`since` time (200) cannot be after `until` time (100.5)"}' });
    expect((await get("since=100&until=200.25")).status).toBe(200);
  });

  it("replays the events since the time given", async () => {
    events.emit("container", "start", "c1", { name: "web" });
    const response = await handle({ method: "GET", path: "/events", query: new URLSearchParams(`since=${Math.floor(Date.now() / 1000) - 5}&until=${Date.now() / 1000 + 0.001}`), headers: new Map(), body: wholeBody(new Uint8Array(0)), signal: new AbortController().signal });
    const lines: string[] = [];
    if ("stream" in response) for await (const chunk of response.stream) lines.push(String(chunk));
    expect(lines.map((line) => (JSON.parse(line) as { Action: string }).Action)).toEqual(["start"]);
  });
});
