// The official docker CLI (the machine's `docker` client) against `drydock daemon`, run as a
// user runs it, with the real VM behind it.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { humanSize } from "../../src/shared/human-size";
import { docker as dockerAt, hasDocker, startDaemon as startDaemonAt, stopDaemon, until } from "../support/node-daemon";

const dir = mkdtempSync(join(tmpdir(), "drydock-cli-"));
const socket = join(dir, "docker.sock");
let daemon: ChildProcess;

const docker = (args: string[], stdin?: string) => dockerAt(socket, args, stdin);
const startDaemon = () => startDaemonAt(socket, join(dir, "data"));

beforeAll(async () => {
  if (!hasDocker) return;
  daemon = await startDaemon();
}, 90_000);

afterAll(async () => {
  await stopDaemon(daemon);
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasDocker)("the docker CLI against drydock daemon", () => {
  it("negotiates the API version and names the server", async () => {
    const result = await docker(["version", "--format", "{{.Server.APIVersion}} {{.Server.Os}}/{{.Server.Arch}}"]);
    expect(result).toMatchObject({ code: 0, stdout: "1.47 linux/386\n" });
  });

  it("runs busybox, pulling it from the built-in hub with per-layer progress", async () => {
    const result = await docker(["run", "--rm", "busybox", "echo", "hi"]);
    expect(result.stdout).toBe("hi\n");
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("Unable to find image 'busybox:latest' locally");
    expect(result.stderr).toMatch(/^[0-9a-f]{12}: Pull complete$/m);
    expect(result.stderr).toMatch(/^Digest: sha256:[0-9a-f]{64}$/m);
    expect(result.stderr).toContain("Status: Downloaded newer image for busybox:latest");
  });

  it("runs hello-world, whose message explains what happened", async () => {
    const result = await docker(["run", "--rm", "hello-world"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Hello from Drydock!");
    expect(result.stdout).toContain("pulled it from a registry");
  });

  it("keeps a container's exit code, logs, and lists it", async () => {
    const run = await docker(["run", "--name", "c1", "busybox", "sh", "-c", "echo out; echo err >&2; exit 3"]);
    expect(run).toEqual({ code: 3, stdout: "out\n", stderr: "err\n" });
    expect(await docker(["logs", "c1"])).toEqual({ code: 0, stdout: "out\n", stderr: "err\n" });
    expect((await docker(["inspect", "-f", "{{.State.Status}} {{.State.ExitCode}} {{.Name}}", "c1"])).stdout).toBe("exited 3 /c1\n");
    const ps = await docker(["ps", "-a", "--format", "{{.Names}}\t{{.Image}}\t{{.Command}}\t{{.Status}}"]);
    expect(ps.stdout).toMatch(/^c1\tbusybox\t"sh -c 'echo out; ec…"\tExited \(3\) .* ago$/m);
    expect((await docker(["ps", "--format", "{{.Names}}"])).stdout).not.toContain("c1");
    const again = await docker(["run", "--name", "c1", "busybox", "true"]);
    expect(again.code).toBe(125);
    expect(again.stderr).toMatch(/^docker: Error response from daemon: Conflict\. The container name "\/c1" is already in use by container "[0-9a-f]{64}"\. You have to remove \(or rename\) that container to be able to reuse that name\.$/m);
  });

  it("follows logs until the container exits", async () => {
    expect((await docker(["run", "-d", "--name", "ticker", "busybox", "sh", "-c", "for i in 1 2 3; do echo tick $i; sleep 0.3; done"])).code).toBe(0);
    expect(await docker(["logs", "-f", "ticker"])).toMatchObject({ code: 0, stdout: "tick 1\ntick 2\ntick 3\n" });
    expect((await docker(["logs", "--tail", "1", "ticker"])).stdout).toBe("tick 3\n");
    expect((await docker(["rm", "ticker"])).code).toBe(0);
  });

  it("pipes stdin into run -i", async () => {
    expect(await docker(["run", "-i", "--rm", "busybox", "sh", "-c", "cat; echo done"], "piped\n")).toMatchObject({ code: 0, stdout: "piped\ndone\n" });
  });

  it("runs -it in a terminal: Ctrl-C reaches the container, the exit status comes back, Ctrl-P Ctrl-Q detaches", async () => {
    const typed = (steps: [number, string][], args: string) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        // `script` gives the CLI a real terminal, as a learner's shell would.
        const child = spawn("script", ["-qec", `docker -H unix://${socket} ${args}`, "/dev/null"], { stdio: ["pipe", "pipe", "inherit"] });
        let out = "";
        child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
        let delay = 0;
        for (const [wait, text] of steps) setTimeout(() => child.stdin!.write(text), (delay += wait));
        child.on("exit", (code) => resolve({ code: code ?? -1, out: out.replace(/\r/g, "") }));
      });
    const session = await typed([[2500, "tty; sleep 30\n"], [1500, "\u0003"], [800, "echo after; exit 5\n"]], "run -it --rm busybox sh");
    expect(session.out).toContain("/dev/pts/0\n");
    expect(session.out).toContain("^C");
    expect(session.out).toContain("after\n");
    expect(session.code).toBe(5);
    const detached = await typed([[2500, "echo hi\n"], [800, "\u0010\u0011"]], "run -it --name detached busybox sh");
    expect(detached.code).toBe(0);
    expect((await docker(["inspect", "-f", "{{.State.Running}}", "detached"])).stdout).toBe("true\n");
    expect((await docker(["rm", "-f", "detached"])).code).toBe(0);
  });

  it("exits 127 and 126 when the command cannot start, and says why a pull failed", async () => {
    const missing = await docker(["run", "--rm", "busybox", "nosuchcmd"]);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain('docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nosuchcmd": executable file not found in $PATH: unknown');
    expect((await docker(["run", "--rm", "busybox", "/etc"])).code).toBe(126);
    expect((await docker(["run", "--rm", "busybox:nope"])).stderr).toContain("manifest for busybox:nope not found: manifest unknown: manifest unknown");
    expect((await docker(["run", "--rm", "nosuchimage"])).stderr).toContain("pull access denied for nosuchimage, repository does not exist or may require 'docker login'");
    expect((await docker(["inspect", "nope"])).stderr).toContain("Error: No such object: nope");
  });

  it("execs into a running container, and stops it", async () => {
    expect((await docker(["run", "-d", "--name", "web", "busybox", "sleep", "300"])).code).toBe(0);
    expect(await docker(["exec", "web", "sh", "-c", "echo $$; exit 4"])).toMatchObject({ code: 4, stdout: expect.stringMatching(/^\d+\n$/) });
    expect(await docker(["exec", "-i", "web", "cat"], "into exec\n")).toMatchObject({ code: 0, stdout: "into exec\n" });
    const missing = await docker(["exec", "web", "nosuch"]);
    expect(missing.code).toBe(127);
    expect(missing.stdout + missing.stderr).toContain('exec: "nosuch": executable file not found in $PATH');
    const top = await docker(["top", "web"]);
    expect(top.stdout).toMatch(/^UID +PID +PPID +C +STIME +TTY +TIME +CMD\nroot +\d+ +\d+ +0 +\d\d:\d\d +\? +00:00:00 +sleep 300\n$/);
    expect(await docker(["stop", "-t", "1", "web"])).toMatchObject({ code: 0, stdout: "web\n" });
    expect((await docker(["inspect", "-f", "{{.State.ExitCode}}", "web"])).stdout).toBe("137\n");
    expect((await docker(["exec", "web", "true"])).stderr).toMatch(/is not running/);
    expect(await docker(["rm", "web"])).toMatchObject({ code: 0, stdout: "web\n" });
  });

  it("reports a running container's stats with its memory limit", async () => {
    expect((await docker(["run", "-d", "--name", "busy", "-m", "32m", "--pids-limit", "10", "busybox", "sleep", "60"])).code).toBe(0);
    const stats = await docker(["stats", "--no-stream", "--format", "{{.Name}} {{.MemUsage}} {{.PIDs}}", "busy"]);
    expect(stats.stdout).toMatch(/^busy \d+(\.\d+)?[KM]iB \/ 32MiB 1\n$/);
    expect((await docker(["rm", "-f", "busy"])).code).toBe(0);
  });

  it("restarts by policy: on-failure up to its count, always until stopped", async () => {
    expect((await docker(["run", "-d", "--name", "flaky", "--restart", "on-failure:2", "busybox", "sh", "-c", "echo try; exit 3"])).code).toBe(0);
    const inspect = async (name: string) => (await docker(["inspect", "-f", "{{.State.Status}} {{.RestartCount}} {{.State.ExitCode}}", name])).stdout.trim();
    await until(async () => (await inspect("flaky")) === "exited 2 3");
    expect((await docker(["logs", "flaky"])).stdout).toBe("try\ntry\ntry\n");
    expect((await docker(["run", "-d", "--name", "forever", "--restart", "always", "busybox", "sh", "-c", "sleep 0.2"])).code).toBe(0);
    await until(async () => Number((await inspect("forever")).split(" ")[1]) >= 2);
    expect((await docker(["stop", "-t", "1", "forever"])).code).toBe(0);
    const stopped = await inspect("forever");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await inspect("forever")).split(" ")[0]).toBe("exited");
    expect((await inspect("forever")).split(" ")[1]).toBe(stopped.split(" ")[1]);
    expect((await docker(["rm", "flaky", "forever"])).code).toBe(0);
  });

  it("streams events, reports disk use and prunes", async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    expect((await docker(["run", "--name", "evented", "busybox", "true"])).code).toBe(0);
    const events = await docker(["events", "--since", String(since), "--until", String(Math.ceil(Date.now() / 1000) + 1), "--filter", "container=evented", "--format", "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}"]);
    expect(events.stdout).toBe("container create evented\ncontainer attach evented\ncontainer start evented\ncontainer die evented\n");
    expect((await docker(["system", "df", "--format", "{{.Type}} {{.TotalCount}}"])).stdout).toMatch(/^Images [1-9]\nContainers [1-9]\n/);
    // busybox is in use (evented's image): only hello-world's bytes are reclaimable.
    const [busybox, hello] = (await docker(["image", "inspect", "-f", "{{.Size}}", "busybox", "hello-world"])).stdout.trim().split("\n").map(Number);
    const images = (await docker(["system", "df", "--format", "{{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}"])).stdout.split("\n")[0];
    expect(images).toBe(`Images\t2\t1\t${humanSize(busybox! + hello!)}\t${humanSize(hello!)} (${Math.floor((hello! * 100) / (busybox! + hello!))}%)`);
    const pruned = await docker(["container", "prune", "-f"]);
    expect(pruned.stdout).toMatch(/^Deleted Containers:\n([0-9a-f]{64}\n)+/);
    expect((await docker(["ps", "-aq"])).stdout).toBe("");
  });

  it("lists and removes images with Docker's untag/delete semantics", async () => {
    const images = await docker(["images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"]);
    expect(images.stdout).toMatch(/^busybox:latest [0-9a-f]{12}$/m);
    expect((await docker(["create", "--name", "holder", "busybox"])).code).toBe(0);
    const inUse = await docker(["rmi", "busybox"]);
    expect(inUse.code).toBe(1);
    expect(inUse.stderr).toMatch(/conflict: unable to remove repository reference "busybox" \(must force\) - container [0-9a-f]{12} is using its referenced image [0-9a-f]{12}/);
    expect((await docker(["tag", "busybox", "mine/box:1"])).code).toBe(0);
    expect((await docker(["rmi", "mine/box:1"])).stdout).toBe("Untagged: mine/box:1\n");
    expect((await docker(["rm", "holder"])).code).toBe(0);
    const removed = await docker(["rmi", "busybox"]);
    expect(removed.stdout).toMatch(/^Untagged: busybox:latest\nUntagged: busybox@sha256:[0-9a-f]{64}\nDeleted: sha256:[0-9a-f]{64}\n$/);
    expect((await docker(["images", "-q", "busybox"])).stdout).toBe("");
  });

  it("keeps its images and containers across a daemon restart (the VM is new: layers come back from the blobs)", async () => {
    expect((await docker(["pull", "-q", "busybox"])).stdout).toBe("docker.io/library/busybox:latest\n");
    expect((await docker(["run", "--name", "kept", "busybox", "sh", "-c", "exit 7"])).code).toBe(7);
    expect((await docker(["run", "-d", "--name", "running", "busybox", "sleep", "300"])).code).toBe(0);
    await stopDaemon(daemon);
    daemon = await startDaemon();
    const ps = await docker(["ps", "-a", "--format", "{{.Names}} {{.Status}}"]);
    expect(ps.stdout).toMatch(/^kept Exited \(7\) /m);
    expect(ps.stdout).toMatch(/^running Exited \(255\) /m);
    expect(await docker(["start", "-a", "kept"])).toMatchObject({ code: 7 });
    expect((await docker(["rm", "-f", "kept", "running"])).code).toBe(0);
    expect((await docker(["images", "--format", "{{.Repository}}:{{.Tag}}"])).stdout.split("\n")).toContain("busybox:latest");
    expect(await docker(["run", "--rm", "busybox", "echo", "still here"])).toMatchObject({ code: 0, stdout: "still here\n", stderr: "" });
  });
});
