import { describe, expect, it } from "vitest";
import type { EventMessage } from "../../../shared/engine-api/events";
import { eventFilter } from "./event-filters";
import { Filters } from "./filters";

const IMAGE_ID = "sha256:" + "e".repeat(64);

function event(Type: EventMessage["Type"], Action: string, ID: string, Attributes: Record<string, string>): EventMessage {
  return { Type, Action, Actor: { ID, Attributes }, scope: "local", time: 0, timeNano: 0 };
}

const start = event("container", "start", "3f2a9c", { name: "web", image: "busybox:latest", tier: "web" });
const exec = event("container", "exec_start: sh -c ls", "3f2a9c", { name: "web", image: "busybox:latest", execID: "1" });
const pull = event("image", "pull", "busybox:latest", { name: "busybox" });
const remove = event("image", "delete", IMAGE_ID, { name: IMAGE_ID });
const events = [start, exec, pull, remove];

const passing = (filters: object) => events.filter(eventFilter(Filters.parse(JSON.stringify(filters)))).map((e) => e.Action);

describe("GET /events filters", () => {
  it("passes everything without filters, and ignores keys it does not know, as Docker does", () => {
    expect(passing({})).toHaveLength(4);
    expect(passing({ colour: ["red"] })).toHaveLength(4);
  });

  it("matches type, scope and event exactly; exec_start and friends by prefix", () => {
    expect(passing({ type: ["image"] })).toEqual(["pull", "delete"]);
    expect(passing({ scope: ["swarm"] })).toEqual([]);
    expect(passing({ event: ["start"] })).toEqual(["start"]);
    expect(passing({ event: ["exec_start"] })).toEqual(["exec_start: sh -c ls"]);
    // With one of those, every value matches by prefix.
    expect(passing({ event: ["exec_start", "pu"] })).toEqual(["exec_start: sh -c ls", "pull"]);
  });

  it("matches container (and the other named objects) by ID or name prefix, whatever the type", () => {
    expect(passing({ container: ["web"] })).toEqual(["start", "exec_start: sh -c ls"]);
    expect(passing({ container: ["3f2"] })).toEqual(["start", "exec_start: sh -c ls"]);
    expect(passing({ container: ["busy"] })).toEqual(["pull"]);
    expect(passing({ network: ["bridge"] })).toEqual([]);
  });

  it("matches image by ID, name, or name without its tag", () => {
    expect(passing({ image: ["busybox"] })).toEqual(["start", "exec_start: sh -c ls", "pull"]);
    expect(passing({ image: ["busybox:latest"] })).toEqual(["start", "exec_start: sh -c ls", "pull"]);
    expect(passing({ image: [IMAGE_ID] })).toEqual(["delete"]);
  });

  it("ANDs labels over the actor's attributes, and keys with each other", () => {
    expect(passing({ label: ["tier=web"] })).toEqual(["start"]);
    expect(passing({ label: ["tier=web", "name=web"] })).toEqual(["start"]);
    expect(passing({ label: ["tier=web", "execID"] })).toEqual([]);
    expect(passing({ type: ["container"], event: ["pull"] })).toEqual([]);
  });
});
