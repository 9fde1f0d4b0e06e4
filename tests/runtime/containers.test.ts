// The runtime's contract, against the real VM: containers made by drydock-agent in the guest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LayerStore } from "../../src/engine/layer/layer-store";
import { readTar } from "../../src/engine/layer/tar-reader";
import { AgentRuntime } from "../../src/engine/runtime/agent-runtime";
import { StartFailure } from "../../src/engine/runtime/runtime";
import { collect, containerId, runContainer, runtimeFixture, type RuntimeFixture } from "./helpers";

let f: RuntimeFixture;
beforeAll(async () => {
  f = await runtimeFixture();
}, 60_000);
afterAll(() => f?.machine.stop());

const PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const guest = async (command: string) => (await f.machine.run(command)).output.trim();

describe("a container", () => {
  it("is PID 1 with its own hostname, only lo with network none, and Docker's mounts", async () => {
    const result = await runContainer(f, {
      args: ["sh", "-c", "echo $$; hostname; cat /etc/hostname; ip -o link | cut -d: -f2; echo $(ls /dev); mount | cut -d' ' -f1-5"],
      hostname: "box",
    });
    const [pid, hostname, etcHostname, links, dev, ...mounts] = result.stdout.trim().split("\n");
    expect({ pid, hostname, etcHostname, links: links?.trim(), exitCode: result.exitCode }).toEqual({
      pid: "1",
      hostname: "box",
      etcHostname: "box",
      links: "lo",
      exitCode: 0,
    });
    expect(dev?.trim()).toBe("console core fd full mqueue null ptmx pts random shm stderr stdin stdout tty urandom zero");
    expect(mounts[0]).toMatch(/^overlay on \/ type overlay$/);
    expect(mounts).toContain("proc on /proc type proc");
    expect(mounts).toContain("cgroup2 on /sys/fs/cgroup type cgroup2");
  });

  it("sees the engine's time, though the snapshot was saved earlier", async () => {
    const result = await runContainer(f, { args: ["date", "+%s"] });
    expect(Math.abs(Number(result.stdout.trim()) - Date.now() / 1000)).toBeLessThan(5);
  });

  it("has Docker's default capabilities, masked and read-only /proc paths, and only its own processes", async () => {
    const result = await runContainer(f, {
      args: ["sh", "-c", "grep -E '^Cap(Eff|Bnd)' /proc/self/status; cat /proc/kcore | wc -c; echo 1 > /proc/sys/kernel/domainname; ps -o pid,comm"],
    });
    // sh hands its last command the process (exec), so ps is PID 1 and sees only itself.
    const processes = result.stdout.trim().split("\n").slice(-2).map((l) => l.trim().split(/\s+/));
    expect(result.stdout).toContain("CapEff:\t00000000a80425fb");
    expect(result.stdout).toContain("CapBnd:\t00000000a80425fb");
    expect(result.stdout).toMatch(/^0$/m); // /proc/kcore reads as /dev/null
    expect(result.stderr).toMatch(/Read-only file system/);
    expect(processes).toEqual([["PID", "COMMAND"], ["1", "ps"]]);
  });

  it("runs as a user by name with its groups and home, without capabilities", async () => {
    const result = await runContainer(f, { args: ["sh", "-c", "id; echo $HOME; grep CapEff /proc/self/status; pwd"], user: "app", cwd: "/work/dir" });
    expect(result.stdout).toBe("uid=1000(app) gid=1000(app) groups=10(wheel),1000(app)\n/home/app\nCapEff:\t0000000000000000\n/work/dir\n");
    expect((await runContainer(f, { args: ["id", "-u"], user: "4242:10" })).stdout).toBe("4242\n");
    await expect(runContainer(f, { args: ["id"], user: "nosuchuser" })).rejects.toMatchObject({
      message: "unable to find user nosuchuser: no matching entries in passwd file",
    });
  });

  it("takes its user from passwd and group files the container rewrote, however hostile, without holding up the agent", async () => {
    const id = containerId();
    await f.runtime.create({ id, layers: [f.busybox] });
    const init = await f.runtime.start(id, { args: ["sleep", "60"], env: [PATH] });
    const exec = async (user: string, script: string) => {
      const process = await f.runtime.exec(id, { args: ["sh", "-c", script], user, env: [PATH] });
      const output = collect(process);
      expect((await process.wait()).exitCode).toBe(0);
      return output.stdout();
    };
    // A group naming the user 101 times: it is one group.
    await exec("0", 'm=app; for i in $(seq 100); do m=$m,app; done; echo "crowd:x:2000:$m" >> /etc/group');
    expect(await exec("app", "id")).toBe("uid=1000(app) gid=1000(app) groups=10(wheel),1000(app),2000(crowd)\n");
    // A FIFO for /etc/passwd: no user by name, at once; a number still works (id itself would
    // open the FIFO, so the uid is read from /proc).
    await exec("0", "mv /etc/passwd /etc/passwd.real && mkfifo /etc/passwd");
    await expect(f.runtime.exec(id, { args: ["id"], user: "app", env: [PATH] })).rejects.toMatchObject({
      message: "unable to find user app: no matching entries in passwd file",
    });
    expect(await exec("4242", "grep ^Uid: /proc/self/status | cut -f2")).toBe("4242\n");
    await f.runtime.remove(id);
    expect((await init.wait()).exitCode).toBe(137);
  });

  it("fails to start with Docker's messages and exit codes 127 and 126", async () => {
    const attempt = (args: string[]) => runContainer(f, { args }).then(() => undefined, (error: unknown) => error);
    const notFound = await attempt(["nosuchcmd"]);
    expect(notFound).toBeInstanceOf(StartFailure);
    expect(notFound).toMatchObject({ exitCode: 127, message: 'exec: "nosuchcmd": executable file not found in $PATH' });
    expect(await attempt(["/nope"])).toMatchObject({ exitCode: 127, message: 'exec: "/nope": stat /nope: no such file or directory' });
    expect(await attempt(["/etc"])).toMatchObject({ exitCode: 126, message: 'exec: "/etc": permission denied' });
    expect(await attempt(["/etc/passwd"])).toMatchObject({ exitCode: 126, message: 'exec: "/etc/passwd": permission denied' });
  });

  it("reports exit codes and signals as a shell does", async () => {
    expect(await runContainer(f, { args: ["sh", "-c", "echo out; echo err >&2; exit 3"] })).toEqual({
      exitCode: 3,
      oomKilled: false,
      stdout: "out\n",
      stderr: "err\n",
    });
    // PID 1 cannot be killed from inside its namespace (Docker's containers neither): from outside.
    expect(await runContainer(f, { args: ["sh", "-c", "kill -9 $$; echo survived"] })).toMatchObject({ exitCode: 0, stdout: "survived\n" });
    const id = containerId();
    await f.runtime.create({ id, layers: [f.busybox] });
    const sleeper = await f.runtime.start(id, { args: ["sleep", "60"], env: [PATH] });
    await f.runtime.kill(id, 9);
    expect(await sleeper.wait()).toEqual({ exitCode: 137, signal: 9, oomKilled: false });
    await f.runtime.remove(id);
  });

  it("enforces a memory limit and reports the OOM kill (137, OOMKilled) for that run only", async () => {
    const id = containerId();
    await f.runtime.create({ id, layers: [f.busybox], resources: { memoryBytes: 16 * 1024 * 1024 } });
    const hog = await f.runtime.start(id, { args: ["sh", "-c", "cat /sys/fs/cgroup/memory.max; awk 'BEGIN { s = \"x\"; while (1) s = s s }'"], env: [PATH] });
    const output = collect(hog);
    expect(await hog.wait()).toEqual({ exitCode: 137, signal: 9, oomKilled: true });
    expect(output.stdout()).toBe("16777216\n");
    const again = await f.runtime.start(id, { args: ["true"], env: [PATH] });
    expect(await again.wait()).toEqual({ exitCode: 0, oomKilled: false });
    await f.runtime.remove(id);
  });

  it("keeps a memory limit over 2 GiB as given (a long is 32 bits in the guest)", async () => {
    const id = containerId();
    await f.runtime.create({ id, layers: [f.busybox], resources: { memoryBytes: 3 * 1024 * 1024 * 1024 } });
    expect(await guest(`cat /sys/fs/cgroup/drydock/${id}/memory.max`)).toBe(String(3 * 1024 * 1024 * 1024));
    await f.runtime.remove(id);
  });

  it("stops a fork bomb at its pids limit while the agent and other containers answer", async () => {
    const id = containerId();
    await f.runtime.create({ id, layers: [f.busybox], resources: { pidsLimit: 20 } });
    const bomb = await f.runtime.start(id, { args: ["sh", "-c", "cat /sys/fs/cgroup/pids.max; b() { b | b & }; b; sleep 30"], env: [PATH] });
    const output = collect(bomb);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await f.runtime.stats(id)).pids).toEqual({ current: 20, limit: 20 });
    expect((await runContainer(f, { args: ["echo", "still here"] })).stdout).toBe("still here\n");
    await f.runtime.remove(id);
    expect((await bomb.wait()).exitCode).toBe(137);
    expect(output.stdout()).toBe("20\n");
  });

  it("holds back an endless printer nobody reads, without starving others or growing memory", async () => {
    const id = containerId();
    await f.runtime.create({ id, layers: [f.busybox] });
    const printer = await f.runtime.start(id, { args: ["yes", "drydock"], env: [PATH] });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const started = Date.now();
    expect((await runContainer(f, { args: ["echo", "heard"] })).stdout).toBe("heard\n");
    expect(Date.now() - started).toBeLessThan(5000);
    // Reading now drains it at full speed; the window caps what was waiting.
    let read = 0;
    let firstChunk = -1;
    printer.onOutput((_stream, bytes) => {
      if (firstChunk < 0) firstChunk = read + bytes.length;
      read += bytes.length;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(read).toBeGreaterThan(256 * 1024);
    await f.runtime.remove(id);
    expect((await printer.wait()).exitCode).toBe(137);
  });

  it("streams stdin to a process and closes it", async () => {
    const id = containerId();
    await f.runtime.create({ id, layers: [f.busybox] });
    const process = await f.runtime.start(id, { args: ["sh", "-c", "wc -c; echo done"], stdin: true, env: [PATH] });
    const output = collect(process);
    const chunk = new Uint8Array(100_000).fill(0x61);
    for (let i = 0; i < 5; i++) await process.write(chunk);
    process.closeStdin();
    expect(await process.wait()).toMatchObject({ exitCode: 0 });
    expect(output.stdout()).toBe("500000\ndone\n");
    await f.runtime.remove(id);
  });

  it("does not leave a writer waiting when the process stops reading", async () => {
    const id = containerId();
    await f.runtime.create({ id, layers: [f.busybox] });
    const process = await f.runtime.start(id, { args: ["head", "-c", "1"], stdin: true, env: [PATH] });
    const output = collect(process);
    await process.write(new Uint8Array(300_000).fill(0x62));
    expect(await process.wait()).toMatchObject({ exitCode: 0 });
    expect(output.stdout()).toBe("b");
    await process.write(new Uint8Array(10));
    await f.runtime.remove(id);
  });

  it("gives a tty process a terminal it can resize", async () => {
    const id = containerId();
    await f.runtime.create({ id, layers: [f.busybox] });
    const process = await f.runtime.start(id, { args: ["sh"], tty: true, stdin: true, size: { rows: 30, cols: 100 }, env: [PATH] });
    const output = collect(process);
    await process.write(new TextEncoder().encode("tty; stty size\n"));
    await waitFor(() => /\/dev\/pts\/0\r\n30 100\r\n/.test(output.stdout()));
    await process.resize(40, 120);
    await process.write(new TextEncoder().encode("stty size; exit 5\n"));
    expect((await process.wait()).exitCode).toBe(5);
    expect(output.stdout()).toContain("40 120\r\n");
    await f.runtime.remove(id);
  });

  it("runs exec in the same file system, namespaces and cgroup", async () => {
    const id = containerId();
    await f.runtime.create({ id, layers: [f.busybox] });
    const init = await f.runtime.start(id, { args: ["sh", "-c", "echo from-init > /tmp/shared; sleep 60; true"], hostname: "inner", env: [PATH] });
    await waitFor(async () => (await f.runtime.top(id)).some((p) => p.command === "sleep 60"));
    const exec = await f.runtime.exec(id, { args: ["sh", "-c", "cat /tmp/shared; hostname; echo $$; cat /proc/self/cgroup"], env: [PATH] });
    const output = collect(exec);
    expect((await exec.wait()).exitCode).toBe(0);
    const [shared, hostname, pid, cgroup] = output.stdout().trim().split("\n");
    expect({ shared, hostname, cgroup }).toEqual({ shared: "from-init", hostname: "inner", cgroup: "0::/" });
    expect(Number(pid)).toBeGreaterThan(1);
    await expect(f.runtime.exec(id, { args: ["nosuchcmd"], env: [PATH] })).rejects.toMatchObject({ exitCode: 127 });
    const top = await f.runtime.top(id);
    expect(top.map((p) => p.command)).toEqual(["sh -c echo from-init > /tmp/shared; sleep 60; true", "sleep 60"]);
    expect(top[0]).toMatchObject({ uid: 0, tty: 0 });
    await f.runtime.remove(id);
    expect((await init.wait()).exitCode).toBe(137);
  });

  it("stops with SIGTERM, then SIGKILL after the timeout", async () => {
    const id = containerId();
    await f.runtime.create({ id, layers: [f.busybox] });
    // PID 1 ignores SIGTERM unless it handles it, as in Docker: sleep does not.
    await f.runtime.start(id, { args: ["sleep", "60"], env: [PATH] });
    const started = Date.now();
    expect(await f.runtime.stop(id, { timeoutSeconds: 1 })).toMatchObject({ exitCode: 137, signal: 9 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const trapping = await f.runtime.start(id, { args: ["sh", "-c", "trap 'echo term; exit 0' TERM; while true; do sleep 0.1; done"], env: [PATH] });
    const output = collect(trapping);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await f.runtime.stop(id, { timeoutSeconds: 10 })).toMatchObject({ exitCode: 0 });
    expect(output.stdout()).toBe("term\n");
    await f.runtime.remove(id);
  });

  it("pauses and unpauses, and reports its stats", async () => {
    const id = containerId();
    await f.runtime.create({ id, layers: [f.busybox], resources: { memoryBytes: 64 * 1024 * 1024 } });
    const process = await f.runtime.start(id, { args: ["sh", "-c", "while true; do echo tick; sleep 0.05; done"], env: [PATH] });
    let ticks = 0;
    process.onOutput(() => void ticks++);
    await waitFor(() => ticks > 2);
    await f.runtime.pause(id);
    const frozen = ticks;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(ticks - frozen).toBeLessThanOrEqual(1);
    expect(await guest(`cat /sys/fs/cgroup/drydock/${id}/cgroup.events | grep frozen`)).toBe("frozen 1");
    await f.runtime.unpause(id);
    await waitFor(() => ticks > frozen + 2);
    const stats = await f.runtime.stats(id);
    expect(stats.memory.usage).toBeGreaterThan(0);
    expect(stats.memory.limit).toBe(64 * 1024 * 1024);
    expect(stats.cpu.usageMicros).toBeGreaterThan(0);
    expect(stats.cpu.hostMicros).toBeGreaterThan(stats.cpu.usageMicros);
    expect(stats.pids.current).toBeGreaterThanOrEqual(1);
    expect(Object.keys(stats.networks)).toEqual(["lo"]);
    await f.runtime.remove(id);
  });

  it("honours a read-only root and opts into privileged", async () => {
    const readonly = await runContainer(f, { args: ["sh", "-c", "touch /x; touch /tmp/x"], readonlyRootfs: true });
    expect(readonly.stderr).toContain("touch: /x: Read-only file system");
    expect(readonly.stderr).toContain("touch: /tmp/x: Read-only file system");
    const privileged = await runContainer(f, { args: ["sh", "-c", "grep CapEff /proc/self/status; ls /dev | grep -c hvc"], privileged: true });
    expect(privileged.stdout).toMatch(/^CapEff:\t000001ffffffffff\n[1-9]/);
  });

  it("gives its changes as a layer tar with whiteouts", async () => {
    const id = containerId();
    await f.runtime.create({ id, layers: [f.busybox] });
    const process = await f.runtime.start(id, { args: ["sh", "-c", "mkdir -p /app && echo hi > /app/hello && rm /etc/group && ln -s hello /app/link"], env: [PATH] });
    expect((await process.wait()).exitCode).toBe(0);
    const tar = await f.runtime.diff(id);
    const names = tarNames(tar);
    expect(names).toEqual(expect.arrayContaining(["app/", "app/hello", "app/link", "etc/", "etc/.wh.group"]));
    expect(names).not.toContain("etc/hostname");
    await f.runtime.remove(id);
  });

  it("gives the changes of 300 nested directories, and is removed with them", async () => {
    const id = containerId();
    await f.runtime.create({ id, layers: [f.busybox] });
    const process = await f.runtime.start(id, { args: ["sh", "-c", "d=/tmp/$(printf 'd/%.0s' $(seq 300)) && mkdir -p $d && echo deep > $d/f"], env: [PATH] });
    expect((await process.wait()).exitCode).toBe(0);
    const names: string[] = [];
    for await (const entry of readTar((async function* () { yield await f.runtime.diff(id); })())) names.push(entry.name);
    expect(names).toContain(`tmp/${"d/".repeat(300)}f`);
    await f.runtime.remove(id);
    expect(await guest(`ls /run/drydock/containers | grep -c ${id}`)).toBe("0");
  });

  it("forwards a TCP connection into its network", async () => {
    const id = containerId();
    await f.runtime.create({ id, layers: [f.busybox] });
    await f.runtime.start(id, { args: ["sh", "-c", "mkdir /www && echo hello from the container > /www/index.html && httpd -f -p 8080 -h /www"], env: [PATH] });
    // httpd runs a moment before it listens: try until it answers.
    let connection: Awaited<ReturnType<typeof f.runtime.connect>> | undefined;
    await waitFor(async () => {
      connection = await f.runtime.connect("127.0.0.1", 8080, id).catch(() => undefined);
      return connection !== undefined;
    });
    if (!connection) throw new Error("no connection");
    let received = "";
    connection.onData((bytes) => void (received += new TextDecoder().decode(bytes)));
    await connection.write(new TextEncoder().encode("GET /index.html HTTP/1.0\r\n\r\n"));
    connection.end();
    await connection.closed();
    expect(received).toMatch(/^HTTP\/1\.[01] 200 OK\r\n/);
    expect(received).toMatch(/\r\n\r\nhello from the container\n$/);
    await expect(f.runtime.connect("127.0.0.1", 8081, id)).rejects.toThrow("dial tcp 127.0.0.1:8081: connect: connection refused");
    // The guest's own network is not the container's.
    await expect(f.runtime.connect("127.0.0.1", 8080)).rejects.toThrow(/connection refused/);
    await f.runtime.remove(id);
  });

  it("runs 20 containers at once and leaves nothing behind when they are removed", async () => {
    const ids = Array.from({ length: 20 }, containerId);
    for (const id of ids) await f.runtime.create({ id, layers: [f.busybox], resources: { memoryBytes: 8 << 20 } });
    const processes = await Promise.all(ids.map((id) => f.runtime.start(id, { args: ["sleep", "60"], env: [PATH] })));
    expect(Number(await guest("ls /sys/fs/cgroup/drydock | grep -c '^test'"))).toBeGreaterThanOrEqual(20);
    expect(Number(await guest("pidof sleep | wc -w"))).toBeGreaterThanOrEqual(20);
    await Promise.all(ids.map((id) => f.runtime.remove(id)));
    await Promise.all(processes.map((p) => p.wait()));
    const left = await guest("ls /run/drydock/containers /sys/fs/cgroup/drydock; mount");
    expect(ids.filter((id) => left.includes(id))).toEqual([]);
  });

  it("sees a layer's whiteouts and opaque directories through the overlay", async () => {
    const { makeTar } = await import("../support/tar");
    const { createHash } = await import("node:crypto");
    const layer = async (entries: Parameters<typeof makeTar>[0]) => {
      const tar = makeTar(entries);
      const diffId = "sha256:" + createHash("sha256").update(tar).digest("hex");
      await f.layers.unpack(diffId, tar);
      return diffId;
    };
    const lower = await layer([{ name: "opt/a", body: "a" }, { name: "opt/b", body: "b" }, { name: "srv/gone", body: "x" }, { name: "srv/kept", body: "y" }]);
    const upper = await layer([{ name: "opt/.wh..wh..opq", body: "" }, { name: "opt/c", body: "c" }, { name: "srv/.wh.gone", body: "" }]);
    const id = containerId();
    await f.runtime.create({ id, layers: [f.busybox, lower, upper] });
    const process = await f.runtime.start(id, { args: ["sh", "-c", "ls /opt /srv"], env: [PATH] });
    const output = collect(process);
    await process.wait();
    expect(output.stdout()).toBe("/opt:\nc\n\n/srv:\nkept\n");
    await f.runtime.remove(id);
  });
});

describe("the agent", () => {
  it("is reported as restarted when it dies, its containers gone, and serves again", async () => {
    const id = containerId();
    await f.runtime.create({ id, layers: [f.busybox] });
    const process = await f.runtime.start(id, { args: ["sleep", "60"], env: [PATH] });
    let restarted = false;
    f.machine.agent.restarted.on(() => (restarted = true));
    await f.machine.run("kill -9 $(pidof agent)");
    await expect(process.wait()).rejects.toThrow("the guest's agent restarted");
    expect(restarted).toBe(true);
    await expect(f.runtime.remove(id)).rejects.toMatchObject({ kind: "NotFound" });
    expect(await guest(`pidof sleep; ls /run/drydock/containers; mount | grep -c ${id}`)).toBe("0");
    expect((await runContainer(f, { args: ["echo", "back"] })).stdout).toBe("back\n");
  });

  it("is found hung when it stops answering, and a restarted VM keeps the unpacked layers", async () => {
    await f.machine.run("kill -STOP $(pidof agent)");
    await expect(f.machine.agent.request({ op: "hello" }, 1000)).rejects.toMatchObject({
      kind: "Unavailable",
      message: `the guest's agent did not answer "hello" within 1 s`,
    });
    const machine = await f.machine.restart(LayerStore.DIRECTORIES);
    const layers = new LayerStore(machine.files);
    f = { machine, layers, runtime: new AgentRuntime(machine.agent, layers, machine.files), busybox: f.busybox };
    expect(layers.has(f.busybox)).toBe(true);
    expect((await runContainer(f, { args: ["sh", "-c", "echo again; ls -l /bin/sh"] })).stdout).toMatch(/^again\nlrwxrwxrwx .* \/bin\/sh -> busybox\n$/);
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out waiting for a condition");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function tarNames(tar: Uint8Array): string[] {
  const names: string[] = [];
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const name = new TextDecoder().decode(header.subarray(0, 100)).replace(/\0.*$/s, "");
    const size = parseInt(new TextDecoder().decode(header.subarray(124, 136)).replace(/\0.*$/s, "").trim() || "0", 8);
    if (String.fromCharCode(header[156]!) !== "x") names.push(name);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
}
