import { describe, expect, it } from "vitest";
import { answeringAgent, wire } from "../../../tests/support/agent-guest";
import { memoryFiles } from "../../../tests/support/memory-files";
import { capabilityMask } from "../container/capabilities";
import type { LayerStore } from "../layer/layer-store";
import { AgentChannel } from "../machine/agent-channel";
import { encodeRecord } from "../machine/agent-record";
import { GuestFiles } from "../machine/guest-files";
import { AgentRuntime } from "./agent-runtime";

const WINDOW = 262144;
const LOWER = ["/mnt/host/layers/b", "/mnt/host/layers/a"];

function runtimeOverAgent() {
  const guest = answeringAgent({
    start: { pid: 101 },
    exec: { pid: 102 },
    top: { proc: ["1 0 0 250 0 150\tsleep 1000"], btime: 1700000000, hz: 100 },
    stats: {
      "memory.current": "1048576\n",
      "memory.max": "max\n",
      "memory.events": "oom 1\noom_kill 1\n",
      "cpu.stat": "usage_usec 2500\nuser_usec 2000\nsystem_usec 500\nnr_periods 10\nnr_throttled 2\nthrottled_usec 300\n",
      "pids.current": "3\n",
      "pids.max": "100\n",
      clock: 5_000_000_000,
      cpus: 2,
    },
  });
  const files = new GuestFiles(memoryFiles(), () => {});
  const layers = { lowerDirs: async () => LOWER } as unknown as LayerStore;
  return { guest, files, runtime: new AgentRuntime(new AgentChannel(guest.port), layers, files) };
}

describe("AgentRuntime", () => {
  // What the code before the typed protocol sent for the same calls, byte for byte. Streams and
  // requests are numbered from one counter: a process's stream is the number before its request's.
  it("sends each operation's request as the agent has always read it", async () => {
    const { guest, files, runtime } = runtimeOverAgent();
    await runtime.create({
      id: "c",
      layers: ["sha256:a", "sha256:b"],
      devices: ["/dev/fuse:/dev/fuse:rwm"],
      resources: { memoryBytes: 64 * 1024 * 1024, pidsLimit: 100, nanoCpus: 500_000_000, cpuShares: 512 },
    });
    const init = await runtime.start("c", {
      args: ["sh", "-c", "sleep 1000"],
      env: ["A=1"],
      cwd: "/work",
      user: "1000:1000",
      tty: true,
      stdin: true,
      size: { rows: 30, cols: 100 },
      capabilities: ["CAP_CHOWN", "CAP_KILL"],
      noNewPrivileges: true,
      hostname: "box",
      network: "host",
      readonlyRootfs: true,
    });
    const exec = await runtime.exec("c", { args: ["ls"] });
    await exec.resize(40, 120);
    await exec.signal(2);
    await runtime.kill("c", 15);
    await runtime.pause("c");
    await runtime.unpause("c");
    await runtime.top("c");
    await runtime.stats("c");
    await files.writeFile("run/diff-c-1.tar", new Uint8Array(1024));
    await runtime.diff("c");
    await runtime.connect("172.17.0.2", 80, "c");
    await runtime.remove("c");
    expect([init.pid, exec.pid]).toEqual([101, 102]);
    expect(guest.requests.map(wire)).toEqual(
      [
        { op: "create", id: "c", lower: LOWER, privileged: false, device: ["/dev/fuse:/dev/fuse:rwm"], memory: 67108864, pids: 100, cpuMax: "50000 100000", cpuWeight: 20 },
        {
          op: "start",
          id: "c",
          stream: 2,
          arg: ["sh", "-c", "sleep 1000"],
          env: ["A=1"],
          cwd: "/work",
          user: "1000:1000",
          tty: true,
          stdin: true,
          rows: 30,
          cols: 100,
          privileged: false,
          caps: capabilityMask(["CAP_CHOWN", "CAP_KILL"]),
          noNewPrivileges: true,
          window: WINDOW,
          hostname: "box",
          network: "host",
          readonly: true,
        },
        { op: "exec", id: "c", stream: 4, arg: ["ls"], env: [], tty: false, stdin: false, privileged: false, noNewPrivileges: false, window: WINDOW },
        { op: "resize", stream: 4, rows: 40, cols: 120 },
        { op: "signal", stream: 4, signal: 2 },
        { op: "signal", id: "c", signal: 15 },
        { op: "pause", id: "c" },
        { op: "unpause", id: "c" },
        { op: "top", id: "c" },
        { op: "stats", id: "c" },
        { op: "diff", id: "c", path: "/mnt/host/run/diff-c-1.tar" },
        { op: "forward", stream: 14, window: WINDOW, address: "172.17.0.2", port: 80, id: "c" },
        { op: "remove", id: "c" },
      ].map((fields) => wire(encodeRecord(fields))),
    );
  });

  it("gives top's ticks as times and stats' files as Docker's figures", async () => {
    const { runtime } = runtimeOverAgent();
    expect(await runtime.top("c")).toEqual([{ pid: 1, ppid: 0, uid: 0, started: new Date(1_700_000_002_500), tty: 0, cpuSeconds: 1.5, command: "sleep 1000" }]);
    expect(await runtime.stats("c")).toEqual({
      memory: { usage: 1048576, limit: undefined, stats: {}, oomKills: 1 },
      cpu: {
        usageMicros: 2500,
        userMicros: 2000,
        systemMicros: 500,
        hostMicros: 10_000_000,
        onlineCpus: 2,
        throttling: { periods: 10, throttledPeriods: 2, throttledMicros: 300 },
      },
      pids: { current: 3, limit: 100 },
      networks: {},
    });
  });

  it("sends a bridge endpoint as the start's network fields, with the /etc files, and removeBridge", async () => {
    const { guest, runtime } = runtimeOverAgent();
    await runtime.start("c", {
      args: ["true"],
      network: { bridge: "br-0123456789ab", gateway: "172.18.0.1/16", address: "172.18.0.2/16", mac: "02:42:ac:12:00:02", internal: true, resolver: ["127.0.0.11"] },
      moreNetworks: [{ bridge: "docker0", gateway: "172.17.0.1/16", address: "172.17.0.9/16", mac: "02:42:ac:11:00:09" }],
      hosts: "127.0.0.1\tlocalhost\n",
      resolvConf: "nameserver 127.0.0.11\n",
    });
    await runtime.start("d", { args: ["true"], network: { bridge: "docker0", gateway: "172.17.0.1/16", address: "172.17.0.2/16", mac: "02:42:ac:11:00:02" } });
    await runtime.removeBridge("docker0");
    const base = { stream: 1, arg: ["true"], env: [], tty: false, stdin: false, privileged: false, noNewPrivileges: false, window: WINDOW };
    expect(guest.requests.map(wire)).toEqual(
      [
        {
          op: "start",
          id: "c",
          ...base,
          network: "bridge",
          bridge: ["br-0123456789ab", "docker0"],
          gateway: ["172.18.0.1/16", "172.17.0.1/16"],
          address: ["172.18.0.2/16", "172.17.0.9/16"],
          mac: ["02:42:ac:12:00:02", "02:42:ac:11:00:09"],
          internal: [1, 0],
          resolver: ["127.0.0.11"],
          hosts: "127.0.0.1\tlocalhost\n",
          resolvConf: "nameserver 127.0.0.11\n",
        },
        { op: "start", id: "d", ...base, stream: 3, network: "bridge", bridge: ["docker0"], gateway: ["172.17.0.1/16"], address: ["172.17.0.2/16"], mac: ["02:42:ac:11:00:02"], internal: [0] },
        { op: "removeBridge", name: "docker0" },
      ].map((fields) => wire(encodeRecord(fields))),
    );
  });
});

