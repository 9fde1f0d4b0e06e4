import { describe, expect, it } from "vitest";
import { fakeEngine } from "../../../../tests/support/fake-engine";
import { DrydockError } from "../../../shared/errors";
import { FakeRuntime } from "../../runtime/fake-runtime";
import { Filters } from "../filters/filters";

/** A runtime whose removals wait for the test, or fail while `refuse` says so. */
class GatedRuntime extends FakeRuntime {
  refuse = false;
  private gates: (() => void)[] = [];

  override async remove(id: string): Promise<void> {
    if (this.refuse) throw new DrydockError("Internal", "the process would not die");
    await new Promise<void>((resolve) => this.gates.push(resolve));
    return super.remove(id);
  }

  open(): void {
    this.gates.splice(0).forEach((go) => go());
  }
}

async function engineWith(runtime = new FakeRuntime()) {
  const engine = await fakeEngine({ runtime });
  await engine.pull("busybox");
  const actions: string[] = [];
  engine.daemon.events.on((event) => event.Type === "container" && actions.push(event.Action));
  return { engine, containers: engine.daemon.containers, actions };
}

describe("removing a container", () => {
  it("refuses a running one without force, in Docker's words; with force kills it first", async () => {
    const { engine, containers, actions } = await engineWith();
    const { Id } = await containers.create({ Image: "busybox", Cmd: ["sleep", "300"] }, "web");
    await containers.start("web");
    await expect(containers.remove("web", { force: false })).rejects.toMatchObject({
      kind: "Conflict",
      message: 'cannot remove container "/web": container is running: stop the container before removing or force remove',
    });
    await containers.remove("web", { force: true });
    expect(actions).toEqual(["create", "start", "die", "destroy"]);
    expect(engine.runtime.ids()).toEqual([]);
    await expect(containers.inspect(Id)).rejects.toMatchObject({ kind: "NotFound", message: `No such container: ${Id}` });
    expect((await engine.request("GET", "/containers/json?all=1")).json()).toEqual([]);
  });

  it("is Docker's conflict while one is under way, not a second try", async () => {
    const runtime = new GatedRuntime();
    const { containers } = await engineWith(runtime);
    const { Id } = await containers.create({ Image: "busybox" }, "slow");
    const first = containers.remove("slow", { force: false });
    await expect(containers.remove("slow", { force: true })).rejects.toMatchObject({ kind: "Conflict", message: `removal of container ${Id} is already in progress` });
    runtime.open();
    await first;
    await expect(containers.inspect("slow")).rejects.toMatchObject({ kind: "NotFound" });
  });

  it("keeps one the runtime could not remove, dead, and removes it on the next try", async () => {
    const runtime = new GatedRuntime();
    const { containers } = await engineWith(runtime);
    await containers.create({ Image: "busybox" }, "stuck");
    runtime.refuse = true;
    await expect(containers.remove("stuck", { force: true })).rejects.toThrow("the process would not die");
    expect((await containers.inspect("stuck")).state).toMatchObject({ Status: "dead", Dead: true, Error: "the process would not die" });
    await expect(containers.start("stuck")).rejects.toMatchObject({ kind: "Conflict", message: "container is marked for removal and cannot be started" });
    runtime.refuse = false;
    const removed = containers.remove("stuck", { force: true });
    runtime.open();
    await removed;
    await expect(containers.inspect("stuck")).rejects.toMatchObject({ kind: "NotFound" });
  });

  it("removes a --rm container once it exits, and a waiter for its removal hears of it", async () => {
    const { containers, actions } = await engineWith();
    await containers.create({ Image: "busybox", Cmd: ["echo", "hi"], HostConfig: { AutoRemove: true } }, "once");
    const { exitCode } = await containers.wait("once", "removed");
    await containers.start("once");
    expect(await exitCode).toBe(0);
    expect(actions).toEqual(["create", "start", "die", "destroy"]);
  });

  it("prunes the stopped ones only, each once", async () => {
    const { engine, containers } = await engineWith();
    const stopped = await containers.create({ Image: "busybox" }, "stopped");
    await containers.create({ Image: "busybox", Cmd: ["sleep", "300"] }, "up");
    await containers.start("up");
    expect(await containers.prune(Filters.parse(null))).toEqual({ removed: [stopped.Id] });
    expect((await engine.request("POST", "/containers/prune")).json()).toEqual({ ContainersDeleted: null, SpaceReclaimed: 0 });
    expect((await containers.inspect("up")).state.Running).toBe(true);
  });
});
