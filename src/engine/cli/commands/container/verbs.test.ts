// The container verbs of Drydock's docker CLI against a daemon over the fake runtime: the real
// CLI, router and daemon, with HTTP bytes between them; no VM.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { cliOver } from "../../../../../tests/support/cli";
import { fakeEngine, type FakeEngine } from "../../../../../tests/support/fake-engine";
import type { FakeProgram } from "../../../runtime/fake-runtime";

/** `sh -c` as far as these tests need it: what it prints and how it exits, by script. */
const sh: FakeProgram = async (p) => {
  const script = p.args[2] ?? "";
  if (script === "echo out; echo err >&2; exit 3") {
    await p.stdout("out\n");
    await p.stderr("err\n");
    return 3;
  }
  if (script === "cat; echo done") {
    for await (const bytes of p.stdin()) await p.stdout(bytes);
    await p.stdout("done\n");
    return 0;
  }
  const exit = /^exit (\d+)$/.exec(script);
  if (exit) return Number(exit[1]);
  throw new Error(`sh: the fake runs no ${JSON.stringify(script)}`);
};

let engine: FakeEngine;
let docker: ReturnType<typeof cliOver>;

beforeEach(async () => {
  engine = await fakeEngine({ programs: { sh } });
  await engine.pull("busybox");
  docker = cliOver(engine, mkdtempSync(join(tmpdir(), "drydock-config-")));
});

describe("docker run", () => {
  it("prints the container's output on its streams and exits with its code", async () => {
    expect(await docker(["run", "--name", "c1", "busybox", "sh", "-c", "echo out; echo err >&2; exit 3"])).toEqual({ code: 3, stdout: "out\n", stderr: "err\n" });
    expect(await docker(["logs", "c1"])).toEqual({ code: 0, stdout: "out\n", stderr: "err\n" });
    expect(await docker(["inspect", "-f", "{{.State.Status}} {{.State.ExitCode}} {{.Name}} {{.Config.Cmd}}", "c1"])).toMatchObject({ stdout: "exited 3 /c1 [sh -c echo out; echo err >&2; exit 3]\n" });
  });

  it("gives stdin with -i, removes with --rm, and says what the runtime refused", async () => {
    expect(await docker(["run", "-i", "--rm", "busybox", "sh", "-c", "cat; echo done"], "piped\n")).toEqual({ code: 0, stdout: "piped\ndone\n", stderr: "" });
    const refused = await docker(["run", "--rm", "busybox", "nosuch"]);
    expect(refused.code).toBe(127);
    expect(refused.stderr).toBe(
      'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nosuch": executable file not found in $PATH: unknown\n\nRun \'docker run --help\' for more information\n',
    );
    expect((await docker(["ps", "-aq"])).stdout).toBe("");
  });

  it("prints the ID of a detached container, which ps then lists", async () => {
    const run = await docker(["run", "-d", "--name", "web", "busybox", "sleep", "300"]);
    expect(run.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    const ps = await docker(["ps", "--format", "{{.Names}} {{.Image}} {{.Command}} {{.State}}"]);
    expect(ps.stdout).toBe('web busybox "sleep 300" running\n');
    expect((await docker(["ps", "-q"])).stdout.trim()).toBe(run.stdout.slice(0, 12));
  });
});

describe("the lifecycle verbs", () => {
  it("start -a, stop, kill, wait, restart, pause and unpause, each printing what Docker prints", async () => {
    await docker(["create", "--name", "c2", "busybox", "echo", "hi"]);
    expect(await docker(["ps", "-a", "--format", "{{.Names}} {{.Status}}"])).toMatchObject({ stdout: "c2 Created\n" });
    expect(await docker(["start", "-a", "c2"])).toEqual({ code: 0, stdout: "hi\n", stderr: "" });
    expect(await docker(["wait", "c2"])).toMatchObject({ stdout: "0\n" });
    await docker(["run", "-d", "--name", "web", "busybox", "sleep", "300"]);
    expect(await docker(["pause", "web"])).toMatchObject({ code: 0, stdout: "web\n" });
    expect((await docker(["ps", "--format", "{{.Status}}"])).stdout).toMatch(/^Up .* \(Paused\)\n$/);
    expect(await docker(["pause", "web"])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Error response from daemon: Container [0-9a-f]{64} is already paused\n$/) });
    expect(await docker(["unpause", "web"])).toMatchObject({ code: 0, stdout: "web\n" });
    expect(await docker(["restart", "-t", "1", "web"])).toMatchObject({ code: 0, stdout: "web\n" });
    expect(await docker(["stop", "web"])).toMatchObject({ code: 0, stdout: "web\n" });
    expect(await docker(["inspect", "-f", "{{.State.ExitCode}}", "web"])).toMatchObject({ stdout: "143\n" });
    expect(await docker(["kill", "web"])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Error response from daemon: cannot kill container: web: container [0-9a-f]{64} is not running\n$/) });
    await docker(["start", "web"]);
    expect(await docker(["kill", "web"])).toMatchObject({ code: 0, stdout: "web\n" });
    expect(await docker(["wait", "web"])).toMatchObject({ stdout: "137\n" });
  });

  it("refuses to remove a running container and removes it with -f; rm of a missing one says so", async () => {
    await docker(["run", "-d", "--name", "web", "busybox", "sleep", "300"]);
    expect(await docker(["rm", "web"])).toEqual({
      code: 1,
      stdout: "",
      stderr: 'Error response from daemon: cannot remove container "/web": container is running: stop the container before removing or force remove\n',
    });
    expect(await docker(["rm", "-f", "web"])).toEqual({ code: 0, stdout: "web\n", stderr: "" });
    expect(await docker(["rm", "nope"])).toEqual({ code: 1, stdout: "", stderr: "Error response from daemon: No such container: nope\n" });
    expect(await docker(["rm", "-f", "nope"])).toEqual({ code: 0, stdout: "", stderr: "Error response from daemon: No such container: nope\n" });
  });

  it("renames, and finds a container by a prefix of its ID", async () => {
    const id = (await docker(["create", "--name", "c2", "busybox", "true"])).stdout.trim();
    expect(await docker(["rename", "c2", "c3"])).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(await docker(["inspect", "-f", "{{.Name}}", id.slice(0, 5)])).toMatchObject({ stdout: "/c3\n" });
    expect(await docker(["container", "inspect", "nope"])).toEqual({ code: 1, stdout: "[]\n", stderr: "Error response from daemon: No such container: nope\n" });
  });
});

describe("looking at containers", () => {
  it("exec, top and stats in a running container", async () => {
    await docker(["run", "-d", "--name", "web", "busybox", "sleep", "300"]);
    expect(await docker(["exec", "web", "echo", "hi"])).toEqual({ code: 0, stdout: "hi\n", stderr: "" });
    expect(await docker(["exec", "web", "sh", "-c", "exit 4"])).toMatchObject({ code: 4 });
    expect(await docker(["exec", "-i", "web", "cat"], "into exec\n")).toEqual({ code: 0, stdout: "into exec\n", stderr: "" });
    const top = (await docker(["top", "web"])).stdout.split("\n");
    expect(top[0]).toMatch(/^UID +PID +PPID +C +STIME +TTY +TIME +CMD$/);
    expect(top[1]).toMatch(/^root +\d+ +0 +0 +\d\d:\d\d +\? +00:00:00 +sleep 300$/);
    expect(await docker(["stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}} {{.MemUsage}}", "web"])).toMatchObject({ stdout: "web 1 1MiB / 256MiB\n" });
    await docker(["stop", "-t", "0", "web"]);
    expect(await docker(["exec", "web", "true"])).toMatchObject({ code: 1, stderr: expect.stringMatching(/is not running/) });
  });

  it("lists through ps's filters, -q and --no-trunc", async () => {
    await docker(["run", "--name", "c1", "busybox", "sh", "-c", "exit 3"]);
    await docker(["run", "-d", "--name", "web", "--label", "tier=web", "busybox", "sleep", "300"]);
    expect((await docker(["ps", "-a", "--filter", "status=exited", "--format", "{{.Names}}"])).stdout).toBe("c1\n");
    expect((await docker(["ps", "--filter", "label=tier=web", "--format", "{{.Names}} {{.Label \"tier\"}}"])).stdout).toBe("web web\n");
    expect((await docker(["ps", "-a", "--filter", "exited=3", "-q"])).stdout).toMatch(/^[0-9a-f]{12}\n$/);
    expect((await docker(["ps", "-a", "--no-trunc", "--format", "{{.ID}}"])).stdout.split("\n").filter(Boolean).every((id) => id.length === 64)).toBe(true);
    expect((await docker(["ps", "-a", "--filter", "status=sleeping"])).stderr).toBe("Error response from daemon: invalid filter 'status=sleeping'\n");
  });

  it("prunes stopped containers, printing what it deleted", async () => {
    await docker(["run", "--name", "gone", "busybox", "true"]);
    const id = (await docker(["inspect", "-f", "{{.Id}}", "gone"])).stdout.trim();
    expect(await docker(["container", "prune", "-f"])).toEqual({ code: 0, stdout: `Deleted Containers:\n${id}\n\nTotal reclaimed space: 0B\n`, stderr: "" });
    expect((await docker(["ps", "-aq"])).stdout).toBe("");
  });
});
