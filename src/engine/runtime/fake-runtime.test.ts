import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeRuntime } from "./fake-runtime";
import { StartFailure, type RuntimeProcess } from "./runtime";

const decoder = new TextDecoder();

/** Everything a process prints, by stream, once it has exited. */
async function collect(process: RuntimeProcess): Promise<{ stdout: string; stderr: string; exitCode: number; signal?: number }> {
  const out = { stdout: "", stderr: "" };
  process.onOutput((stream, bytes) => void (out[stream] += decoder.decode(bytes)));
  const status = await process.wait();
  return { ...out, exitCode: status.exitCode, ...(status.signal ? { signal: status.signal } : {}) };
}

/** Whether `promise` has settled once the jobs pending now have run (real timers only). */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
}

async function running(runtime: FakeRuntime, args: string[], stdin = false) {
  await runtime.create({ id: "c1", layers: [] });
  return runtime.start("c1", { args, stdin });
}

afterEach(() => vi.useRealTimers());

describe("FakeRuntime", () => {
  it("runs a program: its output (kept until someone listens), its exit code", async () => {
    const runtime = new FakeRuntime({
      sh: async (p) => {
        await p.stdout("out\n");
        await p.stderr("err\n");
        return 3;
      },
    });
    expect(await collect(await running(runtime, ["sh"]))).toEqual({ stdout: "out\n", stderr: "err\n", exitCode: 3 });
  });

  it("refuses a command it does not know as the agent does: StartFailure, 127", async () => {
    const runtime = new FakeRuntime();
    const refused = await running(runtime, ["nosuch"]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StartFailure);
    expect(refused).toMatchObject({ exitCode: 127, message: 'exec: "nosuch": executable file not found in $PATH' });
  });

  it("gives stdin to a program that keeps it open, and ends it when closed", async () => {
    const runtime = new FakeRuntime();
    const cat = await running(runtime, ["cat"], true);
    await cat.write(new TextEncoder().encode("piped\n"));
    cat.closeStdin();
    expect(await collect(cat)).toEqual({ stdout: "piped\n", stderr: "", exitCode: 0 });
  });

  it("ends a process with a signal's exit code unless it traps it; SIGKILL always", async () => {
    const runtime = new FakeRuntime({
      stubborn: (p) =>
        new Promise<number>((resolve) => {
          p.trap((signal) => signal === 2 && resolve(42));
        }),
    });
    const sleeper = await running(runtime, ["sleep", "300"]);
    await runtime.kill("c1", 15);
    expect(await collect(sleeper)).toEqual({ stdout: "", stderr: "", exitCode: 143, signal: 15 });

    await runtime.create({ id: "c2", layers: [] });
    const stubborn = await runtime.start("c2", { args: ["stubborn"] });
    await runtime.kill("c2", 15);
    await runtime.kill("c2", 2);
    expect((await stubborn.wait()).exitCode).toBe(42);
  });

  it("stops with the signal, then SIGKILL after the timeout", async () => {
    vi.useFakeTimers();
    const runtime = new FakeRuntime({ stubborn: (p) => new Promise(() => p.trap(() => undefined)) });
    const process = await running(runtime, ["stubborn"]);
    const stopped = runtime.stop("c1", { timeoutSeconds: 10 });
    await vi.advanceTimersByTimeAsync(9_999);
    expect(await Promise.race([stopped.then(() => "stopped"), Promise.resolve("running")])).toBe("running");
    await vi.advanceTimersByTimeAsync(1);
    expect(await stopped).toEqual({ exitCode: 137, signal: 9, oomKilled: false });
    expect((await process.wait()).exitCode).toBe(137);
  });

  it("holds signals while paused, as a frozen cgroup does, and ends its execs with its first process", async () => {
    const runtime = new FakeRuntime();
    const first = await running(runtime, ["sleep", "300"]);
    const exec = await runtime.exec("c1", { args: ["sleep", "300"] });
    expect((await runtime.top("c1")).map((p) => p.command)).toEqual(["sleep 300", "sleep 300"]);
    expect((await runtime.stats("c1")).pids.current).toBe(2);
    await runtime.pause("c1");
    await runtime.kill("c1", 15);
    expect(await settled(first.wait())).toBe(false);
    await runtime.unpause("c1");
    expect((await first.wait()).exitCode).toBe(143);
    expect((await exec.wait()).exitCode).toBe(137);
    await expect(runtime.exec("c1", { args: ["true"] })).rejects.toMatchObject({ kind: "Conflict" });
  });

  it("removes a container, killing what still runs in it", async () => {
    const runtime = new FakeRuntime();
    const process = await running(runtime, ["sleep", "300"]);
    await runtime.remove("c1");
    expect((await process.wait()).signal).toBe(9);
    expect(runtime.ids()).toEqual([]);
    await expect(runtime.remove("c1")).rejects.toMatchObject({ kind: "NotFound" });
  });

  it("records a bridge endpoint: the bridge a start made until removeBridge, the network while the first process runs", async () => {
    const runtime = new FakeRuntime();
    const endpoint = { bridge: "docker0", gateway: "172.17.0.1/16", address: "172.17.0.2/16", mac: "02:42:ac:11:00:02" };
    await runtime.create({ id: "c1", layers: [] });
    const first = await runtime.start("c1", { args: ["sleep", "300"], network: endpoint });
    expect(runtime.network("c1")).toEqual(endpoint);
    expect([...runtime.bridges()]).toEqual([["docker0", "172.17.0.1/16"]]);
    await runtime.kill("c1", 9);
    await first.wait();
    expect(runtime.network("c1")).toBeUndefined();
    expect([...runtime.bridges()]).toEqual([["docker0", "172.17.0.1/16"]]);
    await runtime.removeBridge("docker0");
    await runtime.removeBridge("docker0");
    expect([...runtime.bridges()]).toEqual([]);
  });
});
