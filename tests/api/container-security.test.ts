// What a container may do to its Docker host, on the real VM, judged by the official docker CLI:
// the devices it can open (Docker's device cgroup), the kernel log, its capabilities, its CPU
// limits, and what a privileged one writing garbage to the engine's channel cannot break.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request, startEngineServer, type EngineServer } from "../support/engine-server";
import { docker as dockerAt, hasDocker } from "../support/node-daemon";

let server: EngineServer;
const docker = (...args: string[]) => dockerAt(server.socket, args);

beforeAll(async () => {
  if (!hasDocker) return;
  server = await startEngineServer();
  expect((await docker("pull", "-q", "busybox")).code).toBe(0);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/** Docker's default device cgroup (runc's allowed devices): these open; any other device is EPERM. */
const DOCKER_ALLOWS = ["c 1 3 null", "c 1 5 zero", "c 1 7 full", "c 1 8 random", "c 1 9 urandom", "c 5 0 tty", "c 5 1 console", "c 5 2 ptmx", "c 136 0 pts0", "c 136 7 pts7"];
/** The guest's own devices (its consoles, the engine's channel, the kernel log, memory) and a few block devices. */
const DOCKER_DENIES = ["c 1 1 mem", "c 1 4 port", "c 1 11 kmsg", "c 4 64 ttyS0", "c 4 65 ttyS1", "c 229 0 hvc0", "c 229 1 hvc1", "c 253 1 vport1p1", "c 254 0 rtc0", "c 10 127 vga_arbiter", "b 7 0 loop0", "b 8 0 sda"];

/** A shell script that makes each node and says whether opening it was refused (EPERM) or not. */
function probe(devices: string[]): string {
  return devices
    .map((spec) => {
      const [type, major, minor, name] = spec.split(" ");
      return `mknod /tmp/${name} ${type} ${major} ${minor} && if out=$( (: <>/tmp/${name}) 2>&1 ); then echo "${name} opens"; else case "$out" in *"not permitted"*) echo "${name} denied";; *) echo "${name} opens";; esac; fi`;
    })
    .join("; ");
}

describe.skipIf(!hasDocker)("a container and its Docker host", () => {
  it("can make any device node but open only Docker's default devices, like the engine's channel it is denied", async () => {
    const escape = await docker("run", "--rm", "busybox", "sh", "-c", "mknod /tmp/h c 229 1 && echo made; cat /tmp/h");
    expect(escape.stdout).toBe("made\n");
    expect(escape.stderr).toBe("cat: can't open '/tmp/h': Operation not permitted\n");
    const result = await docker("run", "--rm", "busybox", "sh", "-c", probe([...DOCKER_ALLOWS, ...DOCKER_DENIES]));
    const expected = [...DOCKER_ALLOWS.map((d) => `${d.split(" ")[3]} opens`), ...DOCKER_DENIES.map((d) => `${d.split(" ")[3]} denied`)];
    expect(result.stdout.trim().split("\n")).toEqual(expected);
    // The same rules hold for a process exec'd into a running container.
    expect((await docker("run", "-d", "--name", "devices", "busybox", "sleep", "600")).code).toBe(0);
    expect((await docker("exec", "devices", "sh", "-c", probe(["c 229 1 hvc1", "c 1 3 null"]))).stdout).toBe("hvc1 denied\nnull opens\n");
    expect((await docker("rm", "-f", "devices")).code).toBe(0);
  });

  it("grants a device given with --device, with the permissions given, and refuses one that is not there", async () => {
    const granted = await docker("run", "--rm", "--device", "/dev/kmsg:/dev/log-in:w", "busybox", "sh", "-c", `echo hello from a container > /dev/log-in && echo written; ${probe(["c 1 11 kmsg"])}`);
    expect(granted.stdout).toBe("written\nkmsg denied\n");
    const missing = await docker("run", "--rm", "--device", "/dev/nope", "busybox", "true");
    // The CLI's 127 for a daemon error that says "no such file or directory", as with Docker.
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain('error gathering device information while adding custom device "/dev/nope": no such file or directory');
  });

  it("cannot read the kernel log (Docker's hosts restrict dmesg to CAP_SYSLOG, which containers lack)", async () => {
    const result = await docker("run", "--rm", "busybox", "dmesg");
    expect(result.stderr).toBe("dmesg: klogctl: Operation not permitted\n");
    expect(result.code).toBe(1);
  });

  it("has Docker's default capabilities, with --cap-add and --cap-drop applied", async () => {
    const effective = async (...flags: string[]) => (await docker("run", "--rm", ...flags, "busybox", "grep", "CapEff", "/proc/self/status")).stdout.trim();
    expect(await effective()).toBe("CapEff:\t00000000a80425fb");
    expect(await effective("--cap-drop", "ALL")).toBe("CapEff:\t0000000000000000");
    expect(await effective("--cap-add", "net_admin", "--cap-drop", "CAP_MKNOD")).toBe("CapEff:\t00000000a00435fb");
    expect(await effective("--cap-drop", "ALL", "--cap-add", "CHOWN")).toBe("CapEff:\t0000000000000001");
    expect((await docker("run", "--rm", "--cap-add", "NET_ADMIN", "busybox", "ip", "link", "set", "lo", "mtu", "1300")).code).toBe(0);
    expect((await docker("run", "--rm", "busybox", "ip", "link", "set", "lo", "mtu", "1300")).stderr).toContain("Operation not permitted");
  });

  it("holds --cpus, --cpu-quota/--cpu-period and --cpu-shares in the container's cgroup, and throttles a busy loop", async () => {
    const read = async (flags: string[], file: string) => (await docker("run", "--rm", ...flags, "busybox", "cat", `/sys/fs/cgroup/${file}`)).stdout.trim();
    expect(await read(["--cpus", "0.5"], "cpu.max")).toBe("50000 100000");
    expect(await read(["--cpu-quota", "20000", "--cpu-period", "50000"], "cpu.max")).toBe("20000 50000");
    expect(await read([], "cpu.max")).toBe("max 100000");
    expect(await read(["--cpu-shares", "512"], "cpu.weight")).toBe("20");
    const busy = await docker("run", "--rm", "--cpus", "0.2", "busybox", "sh", "-c", "timeout 1 sh -c 'while :; do :; done'; grep nr_throttled /sys/fs/cgroup/cpu.stat");
    expect(Number(busy.stdout.split(" ")[1])).toBeGreaterThan(0);
  });

  it("reports a busy container's CPU as Docker does for one CPU: never more than 100 %", async () => {
    expect((await docker("run", "-d", "--name", "spin", "busybox", "sh", "-c", "while :; do :; done")).code).toBe(0);
    const percent = Number.parseFloat((await docker("stats", "--no-stream", "--format", "{{.CPUPerc}}", "spin")).stdout);
    expect(percent).toBeGreaterThan(0);
    expect(percent).toBeLessThanOrEqual(100);
    expect((await docker("rm", "-f", "spin")).code).toBe(0);
  });

  it("removes a privileged container together with the cgroups it made below its own", async () => {
    const script = "mkdir -p /sys/fs/cgroup/x/y && echo $$ > /sys/fs/cgroup/x/y/cgroup.procs && exec sleep 600";
    const id = (await docker("run", "-d", "--privileged", "--name", "nested", "busybox", "sh", "-c", script)).stdout.trim();
    const inGuest = async (command: string) => {
      let out = "";
      await server.machine.run(command, { onOutput: (bytes) => (out += new TextDecoder().decode(bytes)) });
      return out;
    };
    // The container's shell makes the nested cgroup once it runs: `run -d` answers before that.
    await expect.poll(() => inGuest(`cat /sys/fs/cgroup/drydock/${id}/x/y/cgroup.procs 2>/dev/null | wc -l`), { timeout: 10_000 }).toContain("1");
    const removed = await docker("rm", "-f", "nested");
    expect(removed).toMatchObject({ code: 0, stderr: "" });
    expect((await docker("ps", "-a", "--filter", "name=nested", "-q")).stdout).toBe("");
    expect(await inGuest(`ls /sys/fs/cgroup/drydock/${id} 2>&1`)).toContain("No such file or directory");
  });

  it("refuses an environment too large to pass to the guest at create, making nothing", async () => {
    const env = Array.from({ length: 100_000 }, (_, n) => `VARIABLE_${n}=${"x".repeat(16)}`);
    const created = await request(server.socket, "POST", "/v1.47/containers/create?name=huge-env", { Image: "busybox", Cmd: ["true"], Env: env });
    expect(created.status).toBe(400);
    expect((created.json() as { message: string }).message).toMatch(/^the command and environment take 3\d{6} bytes: Drydock passes at most 204800 bytes \(200 KiB\) of them to a container's process$/);
    expect((await docker("ps", "-a", "--filter", "name=huge-env", "-q")).stdout).toBe("");
    const fits = Array.from({ length: 2_000 }, (_, n) => `VARIABLE_${n}=${"x".repeat(16)}`);
    const ok = await request(server.socket, "POST", "/v1.47/containers/create?name=big-env", { Image: "busybox", Cmd: ["sh", "-c", "echo $VARIABLE_1999"], Env: fits });
    expect(ok.status).toBe(201);
    expect((await docker("start", "-a", "big-env")).stdout).toBe("xxxxxxxxxxxxxxxx\n");
    expect((await docker("rm", "big-env")).code).toBe(0);
  });

  it("goes on answering when a privileged container writes garbage and forged frames to the engine's channel", async () => {
    expect((await docker("run", "-d", "--name", "bystander", "busybox", "sleep", "600")).code).toBe(0);
    const forgedHello = "printf '\\314\\320\\001\\000\\000\\000\\000\\000\\000\\000\\000\\000' > /dev/hvc1";
    const vandal = await docker("run", "--rm", "--privileged", "busybox", "sh", "-c", `head -c 300000 /dev/urandom > /dev/hvc1; ${forgedHello}; echo done`);
    expect(vandal.stdout).toBe("done\n");
    expect((await docker("run", "--rm", "busybox", "echo", "still here")).stdout).toBe("still here\n");
    expect((await docker("inspect", "-f", "{{.State.Status}}", "bystander")).stdout).toBe("running\n");
    expect((await docker("exec", "bystander", "echo", "exec works")).stdout).toBe("exec works\n");
    expect((await docker("rm", "-f", "bystander")).code).toBe(0);
  });
});
