import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeEngine, type FakeEngine } from "../../../../../tests/support/fake-engine";

type Row = { Names: string[]; State: string; Status: string; Labels: Record<string, string> };

const T0 = Date.UTC(2026, 0, 2, 12);
afterEach(() => vi.useRealTimers());

/** Containers made a second apart: web (running, tier=web), job (exited 3, tier=batch), fresh (created). */
async function three(): Promise<FakeEngine> {
  const engine = await fakeEngine({ programs: { fail: () => 3 } });
  await engine.pull("busybox");
  vi.useFakeTimers({ toFake: ["Date"], now: T0 });
  const create = (name: string, cmd: string[], labels: Record<string, string> = {}) => {
    vi.setSystemTime(Date.now() + 1000);
    return engine.request("POST", `/containers/create?name=${name}`, { Image: "busybox", Cmd: cmd, Labels: labels });
  };
  await create("web", ["sleep", "300"], { tier: "web" });
  await create("job", ["fail"], { tier: "batch" });
  await create("fresh", ["true"]);
  await engine.request("POST", "/containers/web/start");
  await engine.request("POST", "/containers/job/start");
  await engine.request("POST", "/containers/job/wait");
  return engine;
}

const names = async (engine: FakeEngine, query: string) => ((await engine.request("GET", `/containers/json?${query}`)).json() as Row[]).map((row) => row.Names[0]);
const filters = (value: object) => `filters=${encodeURIComponent(JSON.stringify(value))}`;

describe("the container routes over the daemon", () => {
  it("lists through Docker's filters", async () => {
    const engine = await three();
    expect(await names(engine, "")).toEqual(["/web"]);
    expect(await names(engine, "all=1")).toEqual(["/fresh", "/job", "/web"]);
    expect(await names(engine, filters({ status: ["exited"] }))).toEqual(["/job"]);
    expect(await names(engine, `all=1&${filters({ label: ["tier"] })}`)).toEqual(["/job", "/web"]);
    expect(await names(engine, `all=1&${filters({ exited: ["3"] })}`)).toEqual(["/job"]);
    expect(await names(engine, `all=1&${filters({ name: ["^/?j"] })}`)).toEqual(["/job"]);
    expect(await names(engine, `all=1&${filters({ ancestor: ["busybox"] })}`)).toHaveLength(3);
    expect(await names(engine, "limit=1")).toEqual(["/fresh"]);
    const rows = (await engine.request("GET", "/containers/json?all=1")).json() as Row[];
    expect(rows.map((row) => [row.State, row.Status])).toEqual([
      ["created", "Created"],
      ["exited", expect.stringMatching(/^Exited \(3\) .* ago$/)],
      ["running", expect.stringMatching(/^Up /)],
    ]);
  });

  it("answers a bad filter with Docker's 400, whatever the containers", async () => {
    const engine = await three();
    const bad = await engine.request("GET", `/containers/json?${filters({ status: ["sleeping"] })}`);
    expect([bad.status, bad.json()]).toEqual([400, { message: "invalid filter 'status=sleeping'" }]);
    expect((await engine.request("GET", "/containers/json?filters=nonsense")).status).toBe(400);
  });

  it("prunes the stopped containers the filters choose", async () => {
    const engine = await three();
    const pruned = await engine.request("POST", `/containers/prune?${filters({ label: ["tier=batch"] })}`);
    expect(pruned.json()).toEqual({ ContainersDeleted: [expect.stringMatching(/^[0-9a-f]{64}$/)], SpaceReclaimed: 0 });
    expect(await names(engine, "all=1")).toEqual(["/fresh", "/web"]);
  });

  it("restarts, kills, pauses and looks inside through one call each, with Docker's statuses", async () => {
    const engine = await three();
    expect((await engine.request("POST", "/containers/fresh/restart")).status).toBe(204);
    expect((await engine.request("POST", "/containers/web/restart?t=0")).status).toBe(204);
    expect((await engine.request("POST", "/containers/web/start")).status).toBe(304);
    expect((await engine.request("POST", "/containers/web/pause")).status).toBe(204);
    expect((await engine.request("POST", "/containers/web/pause")).json()).toEqual({ message: expect.stringMatching(/^Container [0-9a-f]{64} is already paused$/) });
    expect((await engine.request("POST", "/containers/web/unpause")).status).toBe(204);
    expect((await engine.request("GET", "/containers/web/top")).json()).toMatchObject({ Titles: ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], Processes: [["root", expect.any(String), "0", "0", expect.any(String), "?", "00:00:00", "sleep 300"]] });
    // Sizes are not measured: asked for, they are refused, not left out.
    for (const path of ["/containers/json?size=1", "/containers/web/json?size=1"]) {
      const sized = await engine.request("GET", path);
      expect(sized.status).toBe(501);
      expect(sized.json()).toEqual({ message: "Drydock does not measure container sizes yet (docker ps --size, docker inspect --size)" });
    }
    expect((await engine.request("GET", "/containers/json?size=0")).status).toBe(200);
    // ps options the agent cannot apply are refused, not dropped.
    const aux = await engine.request("GET", "/containers/web/top?ps_args=aux");
    expect(aux.status).toBe(501);
    expect(aux.json()).toEqual({ message: "Drydock does not support ps_args (docker top CONTAINER [ps OPTIONS]) yet" });
    const stats = (await engine.request("GET", "/containers/web/stats?stream=0&one-shot=1")).json() as { pids_stats: object; memory_stats: { limit: number } };
    expect(stats).toMatchObject({ pids_stats: { current: 1 }, memory_stats: { limit: 256 * 1024 * 1024 } });
    const killed = await engine.request("POST", "/containers/job/kill");
    expect([killed.status, killed.json()]).toEqual([409, { message: expect.stringMatching(/^cannot kill container: job: container [0-9a-f]{64} is not running$/) }]);
    expect((await engine.request("GET", "/containers/job/top")).json()).toEqual({ message: expect.stringMatching(/^container [0-9a-f]{64} is not running$/) });
    expect((await engine.request("POST", "/containers/web/kill?signal=KILL")).status).toBe(204);
    expect((await engine.request("POST", "/containers/web/wait")).json()).toEqual({ StatusCode: 137, Error: null });
  });

  it("looks for the container before it checks the parameters: a 404 first", async () => {
    const engine = await three();
    expect((await engine.request("GET", "/containers/nope/logs")).status).toBe(404);
    expect((await engine.request("GET", "/containers/job/logs")).json()).toEqual({ message: "Bad parameters: you must choose at least one stream" });
    expect((await engine.request("POST", "/containers/nope/wait?condition=sometime")).json()).toEqual({ message: 'invalid condition: "sometime"' });
    expect((await engine.request("POST", "/containers/nope/wait")).status).toBe(404);
  });
});
