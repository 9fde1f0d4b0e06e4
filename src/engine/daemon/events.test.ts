import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeEngine } from "../../../tests/support/fake-engine";
import { bytePipe } from "../../shared/byte-pipe";
import type { EventMessage } from "../../shared/engine-api/events";
import { Filters } from "./filters/filters";

const T0 = Date.UTC(2026, 0, 2, 12);

async function collect(events: AsyncIterable<EventMessage>): Promise<EventMessage[]> {
  const all: EventMessage[] = [];
  for await (const event of events) all.push(event);
  return all;
}

afterEach(() => vi.useRealTimers());

const summary = (event: EventMessage) => `${event.Type} ${event.Action}${event.Actor.Attributes.name ? ` ${event.Actor.Attributes.name}` : ""}`;

describe("the daemon's events", () => {
  it("tells each step of a container's and an image's life, with Docker's attributes", async () => {
    const engine = await fakeEngine();
    const events: EventMessage[] = [];
    engine.daemon.events.on((event) => events.push(event));
    await engine.pull("busybox");
    const { containers, execs, images } = engine.daemon;
    await containers.create({ Image: "busybox", Cmd: ["sleep", "300"], Labels: { tier: "web" } }, "web");
    await containers.start("web");
    const { Id: execId } = await execs.create("web", { Cmd: ["true"] });
    const session = await execs.startAttached(execId, undefined);
    await session.serve(bytePipe()[1], new Uint8Array(0));
    await containers.pause("web");
    await containers.unpause("web");
    await containers.rename("web", "site");
    await containers.kill("site", "TERM");
    await containers.wait("site", "not-running");
    await containers.remove("site", { force: false });
    await images.tag("busybox", "mine/box", "1");
    await images.remove("mine/box:1", { force: false });
    expect(events.map(summary)).toEqual([
      "image pull busybox",
      "container create web",
      "network connect bridge",
      "container start web",
      "container exec_create: true web",
      "container exec_start: true web",
      "container exec_die web",
      "container pause web",
      "container unpause web",
      "container rename site",
      "container kill site",
      "container die site",
      "network disconnect bridge",
      "container destroy site",
      "image tag mine/box:1",
      "image untag mine/box:1",
    ]);
    const byAction = (action: string) => events.find((e) => e.Action === action)!.Actor.Attributes;
    expect(byAction("create")).toEqual({ tier: "web", image: "busybox", name: "web" });
    expect(byAction("exec_die")).toMatchObject({ execID: execId, exitCode: "0" });
    expect(byAction("rename")).toMatchObject({ oldName: "/web" });
    expect(byAction("kill")).toMatchObject({ signal: "15" });
    expect(byAction("die")).toMatchObject({ exitCode: "143" });
    expect(events[1]).toMatchObject({ status: "create", from: "busybox", scope: "local", Type: "container" });
  });

  it("replays from --since, then streams the live ones that pass the filters until --until", async () => {
    const engine = await fakeEngine();
    await engine.pull("busybox");
    const { containers, events } = engine.daemon;
    vi.useFakeTimers({ now: T0 });
    await containers.create({ Image: "busybox", Cmd: ["true"] }, "old");
    const client = new AbortController();
    const creates = collect(events.subscribe({ sinceMs: T0, filters: Filters.parse('{"type":["container"],"event":["create"]}'), signal: client.signal }));
    await containers.create({ Image: "busybox", Cmd: ["true"] }, "new");
    await containers.start("new");
    await vi.advanceTimersByTimeAsync(0);
    client.abort();
    expect((await creates).map((e) => e.Actor.Attributes.name)).toEqual(["old", "new"]);

    const bounded = collect(events.subscribe({ sinceMs: T0, untilMs: T0 + 1000, filters: Filters.parse('{"container":["new"]}'), signal: new AbortController().signal }));
    vi.setSystemTime(T0 + 2000);
    await containers.start("new");
    await vi.advanceTimersByTimeAsync(1000);
    expect((await bounded).map((e) => e.Action)).toEqual(["create", "start", "die"]);
  });
});
