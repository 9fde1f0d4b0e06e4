import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeEngine, type FakeEngine } from "../../../tests/support/fake-engine";
import type { FakeProgram } from "../runtime/fake-runtime";
import type { HostConfig } from "../../shared/engine-api/containers";

afterEach(() => vi.useRealTimers());

/** A daemon whose `crash` command exits 1 at once, but runs `ranFor` ms first on the runs listed. */
async function crashing(long: Record<number, number> = {}): Promise<{ engine: FakeEngine; runs: () => number }> {
  let runs = 0;
  const crash: FakeProgram = () => {
    runs++;
    const ms = long[runs];
    return ms === undefined ? 1 : new Promise((resolve) => setTimeout(() => resolve(1), ms));
  };
  const engine = await fakeEngine({ programs: { crash } });
  await engine.pull("busybox");
  return { engine, runs: () => runs };
}

async function started(engine: FakeEngine, host: HostConfig): Promise<void> {
  await engine.daemon.containers.create({ Image: "busybox", Cmd: ["crash"], HostConfig: host }, "web");
  vi.useFakeTimers();
  await engine.daemon.containers.start("web");
  await vi.advanceTimersByTimeAsync(0);
}

const web = (engine: FakeEngine) => engine.daemon.containers.inspect("web");

describe("the restart manager", () => {
  it("starts a container again after Docker's back-off: 100 ms, doubling each time", async () => {
    const { engine, runs } = await crashing();
    await started(engine, { RestartPolicy: { Name: "always" } });
    expect(runs()).toBe(1);
    expect(await web(engine)).toMatchObject({ restartCount: 1, state: { Status: "restarting", Restarting: true, ExitCode: 1 } });
    for (const [delay, run] of [[100, 2], [200, 3], [400, 4], [800, 5]] as const) {
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(runs()).toBe(run - 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(runs()).toBe(run);
    }
    expect((await web(engine)).restartCount).toBe(5);
  });

  it("starts the back-off again after a run of more than 10 s", async () => {
    const { engine, runs } = await crashing({ 3: 10_001 });
    await started(engine, { RestartPolicy: { Name: "always" } });
    await vi.advanceTimersByTimeAsync(100 + 200);
    expect(runs()).toBe(3);
    await vi.advanceTimersByTimeAsync(10_001 + 99);
    expect(runs()).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs()).toBe(4);
  });

  it("gives up on-failure after its maximum retries, and never restarts a success", async () => {
    const { engine, runs } = await crashing();
    await started(engine, { RestartPolicy: { Name: "on-failure", MaximumRetryCount: 2 } });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs()).toBe(3);
    expect(await web(engine)).toMatchObject({ restartCount: 2, state: { Status: "exited", Restarting: false, ExitCode: 1 } });

    await engine.daemon.containers.create({ Image: "busybox", Cmd: ["true"], HostConfig: { RestartPolicy: { Name: "on-failure" } } }, "ok");
    await engine.daemon.containers.start("ok");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await engine.daemon.containers.inspect("ok")).toMatchObject({ restartCount: 0, state: { Status: "exited", ExitCode: 0 } });
  });

  it("leaves a container stopped during its back-off exited, and says restart between die and start", async () => {
    const { engine, runs } = await crashing();
    const actions: string[] = [];
    engine.daemon.events.on((event) => actions.push(event.Action));
    await started(engine, { RestartPolicy: { Name: "unless-stopped" } });
    await vi.advanceTimersByTimeAsync(100);
    await engine.daemon.containers.stop("web", {});
    expect(await web(engine)).toMatchObject({ manuallyStopped: true, state: { Status: "exited", Restarting: false } });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs()).toBe(2);
    expect(actions).toEqual(["create", "connect", "start", "die", "disconnect", "restart", "connect", "start", "die", "disconnect"]);
  });
});
