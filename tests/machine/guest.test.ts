// The guest as a Docker host, in the real VM restored from the snapshot.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Machine } from "../../src/engine/machine/machine";
import { startMachine } from "../../src/node/start-machine";
import { typeLine } from "../support/console";

let machine: Machine;
const sh = async (command: string) => {
  const result = await machine.run(command);
  return { ...result, output: result.output.trim() };
};

beforeAll(async () => {
  machine = await startMachine({ onNotice: (notice) => console.warn(notice) });
});
afterAll(() => machine?.stop());

describe("the guest VM", () => {
  it("restores from the snapshot to a shell that answers", async () => {
    expect(machine.mode).toBe("snapshot");
    expect(machine.screen).toMatch(/^root@drydock:~# $/);
    expect(await sh("uname -m; hostname; id -u; echo $HOME")).toEqual({ output: "i686\ndrydock\n0\n/root", status: 0 });
  });

  it("reports each command's exit status", async () => {
    expect(await sh("echo out; echo err >&2; exit 7")).toEqual({ output: "out\nerr", status: 7 });
    expect((await sh("no-such-command")).status).toBe(127);
  });

  it("runs commands of any length and quoting", async () => {
    const text = `it's "quoted" $HOME \\ ${"x".repeat(5000)}`;
    const result = await sh(`cat <<'EOF'\n${text}\nEOF`);
    expect(result.output).toBe(text);
  });

  it("has every namespace a container needs", async () => {
    expect((await sh("ls /proc/self/ns | tr '\\n' ' '")).output).toBe(
      "cgroup ipc mnt net pid pid_for_children time time_for_children user uts",
    );
    const inner = await sh("unshare -p -m -u -i -n -f sh -c 'echo pid=$$; hostname box; hostname; ip -o link | wc -l'");
    expect(inner.output).toBe("pid=1\nbox\n1");
    expect((await sh("hostname")).output).toBe("drydock");
    expect((await sh("unshare -U -r id -u")).output).toBe("0");
  });

  it("mounts cgroup v2 with cpu, memory and pids delegated, and enforces limits", async () => {
    expect((await sh("grep ' /sys/fs/cgroup ' /proc/mounts | cut -d' ' -f3")).output).toBe("cgroup2");
    expect((await sh("cat /sys/fs/cgroup/cgroup.subtree_control")).output).toBe("cpu memory pids");
    const pids = await sh(
      "mkdir /sys/fs/cgroup/t-pids && echo 3 > /sys/fs/cgroup/t-pids/pids.max && " +
        "sh -c 'echo $$ > /sys/fs/cgroup/t-pids/cgroup.procs; for i in 1 2 3 4; do sleep 1 & done; wait' 2>&1; " +
        "grep max /sys/fs/cgroup/t-pids/pids.events",
    );
    expect(pids.output).toMatch(/can't fork/);
    expect(pids.output).toMatch(/max [1-9]/);
    const memory = await sh(
      "mkdir /sys/fs/cgroup/t-mem && echo 8M > /sys/fs/cgroup/t-mem/memory.max && " +
        "sh -c 'echo $$ > /sys/fs/cgroup/t-mem/cgroup.procs; exec awk \"BEGIN{s=\\\"x\\\"; for(i=0;i<26;i++) s=s s; print length(s)}\"'; " +
        "echo status=$?; grep oom_kill /sys/fs/cgroup/t-mem/memory.events",
    );
    expect(memory.output).toMatch(/status=137/);
    expect(memory.output).toMatch(/oom_kill 1/);
  });

  it("mounts overlayfs with whiteouts, and pivot_root works from the guest's root", async () => {
    const overlay = await sh(
      "cd /tmp && mkdir -p lo up wk mnt && echo low > lo/a && echo keep > lo/b && " +
        "mount -t overlay o -o lowerdir=lo,upperdir=up,workdir=wk mnt && rm mnt/a && echo new > mnt/c && " +
        "ls mnt | tr '\\n' ' '; stat -c '%F %t,%T' up/a; cat lo/a; umount mnt",
    );
    expect(overlay.output).toBe("b c character special file 0,0\nlow");
    const pivot = await sh(
      "unshare -m sh -c 'mkdir -p /tmp/r && mount -t tmpfs r /tmp/r && mkdir /tmp/r/old /tmp/r/bin && " +
        "cp /bin/busybox /tmp/r/bin/ && cd /tmp/r && pivot_root . old && exec /bin/busybox sh -c \"/bin/busybox ls -1 /\"'",
    );
    expect(pivot).toEqual({ output: "bin\nold", status: 0 });
  });

  it("has veth and bridge devices", async () => {
    const result = await sh(
      "ip link add name dd0 type veth && ip link add name ddbr type bridge && ip link set dd0 master ddbr && " +
        "ls /sys/class/net/ddbr/brif; ip link del dd0; ip link del ddbr",
    );
    expect(result).toEqual({ output: "dd0", status: 0 });
  });

  it("shares the 9p tree both ways", async () => {
    await machine.files.writeFile("t/from-host/a.txt", "hello from the host\n");
    expect((await sh("cat /mnt/host/t/from-host/a.txt")).output).toBe("hello from the host");
    await sh("mkdir -p /mnt/host/t/from-guest && printf 'made in the guest' > /mnt/host/t/from-guest/b.txt");
    expect(new TextDecoder().decode(await machine.files.readFile("t/from-guest/b.txt"))).toBe("made in the guest");
    const bytes = Uint8Array.from({ length: 256 * 1024 }, (_, i) => (i * 7) & 0xff);
    await machine.files.writeFile("t/blob.bin", bytes);
    await sh("cp /mnt/host/t/blob.bin /mnt/host/t/blob-copy.bin");
    expect(await machine.files.readFile("t/blob-copy.bin")).toEqual(bytes);
    await expect(machine.files.readFile("t/missing")).rejects.toThrow(/no such file/);
  });

  it("passes the terminal size to the console tty", async () => {
    machine.console.resize(132, 43);
    await expect.poll(async () => (await sh("stty -F /dev/ttyS0 size")).output).toBe("43 132");
  });

  it("pauses the emulator when nothing runs and wakes on input", async () => {
    await expect.poll(() => machine.paused, { timeout: 15_000, interval: 200 }).toBe(true);
    expect(machine.running).toBe(false);
    expect(await sh("echo awake")).toEqual({ output: "awake", status: 0 });
    // A background job is something running: no pause while it lives.
    await sh("sleep 4 >/dev/null 2>&1 &");
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(machine.paused).toBe(false);
  });

  it("does not pause a loop in the console's shell, which is no process of its own", async () => {
    // Seconds of guest CPU, longer than the quiet spell after which the guest is asked what runs.
    const output = await typeLine(machine, "i=0; while [ $i -lt 60000 ]; do i=$((i+1)); done; echo looped $i", 90_000);
    expect(output).toMatch(/^looped 60000$/m);
  });
});
