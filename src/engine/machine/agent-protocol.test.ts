import { afterEach, describe, expect, it, vi } from "vitest";
import { agentFrame, answeringAgent, wire } from "../../../tests/support/agent-guest";
import { AgentChannel, FrameType } from "./agent-channel";
import { encodeRequest, parseAccept, parseExit, parseReply, type AgentRequest } from "./agent-protocol";
import { AgentRecord, encodeRecord, type RecordValue } from "./agent-record";
import { dialInGuest } from "./guest-dial";
import { runInGuest } from "./guest-run";

/** A record as drydock-agent writes it (the C side's out_str and out_num, in its order). */
const reply = (fields: Record<string, RecordValue>) => AgentRecord.decode(encodeRecord(fields));

describe("the agent's replies", () => {
  it("reads hello's facts, a start's pid and a diff's size as numbers and text", () => {
    const hello = reply({ protocol: "1", agent: "drydock-agent 1.0", pid: 57, kernel: "6.1.0-drydock", memTotal: 536870912, ok: 1 });
    expect(parseReply("hello", hello)).toEqual({ protocol: "1", agent: "drydock-agent 1.0", pid: 57, kernel: "6.1.0-drydock", memTotal: 536870912 });
    // uname or sysinfo may fail in the guest: those facts are left out, not made up.
    expect(parseReply("hello", reply({ protocol: "1", agent: "drydock-agent 1.0", pid: 57, ok: 1 }))).toMatchObject({ kernel: undefined, memTotal: undefined });
    for (const op of ["start", "exec", "spawn", "run"] as const) expect(parseReply(op, reply({ pid: 123, ok: 1 }))).toEqual({ pid: 123 });
    expect(parseReply("diff", reply({ size: 3221225472, ok: 1 }))).toEqual({ size: 3221225472 });
    for (const op of ["create", "signal", "resize", "pause", "unpause", "forward", "remove", "listen", "unlisten"] as const) {
      expect(parseReply(op, reply({ ok: 1 }))).toBeUndefined();
    }
  });

  it("reads top's rows, the rows it left out, and what turns ticks into times", () => {
    const top = reply({ proc: ["1 0 0 250 0 12\tsleep 1000", "7 1 1000 900 34816 3\tsh -c echo\ta tab"], truncated: 40, btime: 1700000000, hz: 100, ok: 1 });
    expect(parseReply("top", top)).toEqual({
      processes: [
        { pid: 1, ppid: 0, uid: 0, startTicks: 250, tty: 0, cpuTicks: 12, command: "sleep 1000" },
        { pid: 7, ppid: 1, uid: 1000, startTicks: 900, tty: 34816, cpuTicks: 3, command: "sh -c echo\ta tab" },
      ],
      truncated: 40,
      bootTime: 1700000000,
      hz: 100,
    });
    expect(parseReply("top", reply({ btime: 1700000000, hz: 250, ok: 1 }))).toEqual({ processes: [], truncated: 0, bootTime: 1700000000, hz: 250 });
  });

  it("reads stats' cgroup files and /proc/net/dev", () => {
    const netDev = [
      "Inter-|   Receive                                                |  Transmit",
      " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed",
      "    lo:     140       2    0    0    0     0          0         0      140       2    0    0    0     0       0          0",
      "  eth0:    1500      10    1    2    0     0          0         0      900       8    3    4    0     0       0          0",
      "",
    ].join("\n");
    const stats = reply({
      "memory.current": "1048576\n",
      "memory.max": "max\n",
      "memory.stat": "anon 4096\nfile 8192\n",
      "memory.events": "low 0\nhigh 0\nmax 2\noom 1\noom_kill 1\n",
      "cpu.stat": "usage_usec 2500\nuser_usec 2000\nsystem_usec 500\nnr_periods 10\nnr_throttled 2\nthrottled_usec 300\n",
      "pids.current": "3\n",
      "pids.max": "100\n",
      clock: 5000000000,
      "net.dev": netDev,
      cpus: 2,
      ok: 1,
    });
    expect(parseReply("stats", stats)).toEqual({
      memory: { current: 1048576, max: undefined, stat: { anon: 4096, file: 8192 }, events: { low: 0, high: 0, max: 2, oom: 1, oom_kill: 1 } },
      cpu: { usage_usec: 2500, user_usec: 2000, system_usec: 500, nr_periods: 10, nr_throttled: 2, throttled_usec: 300 },
      pids: { current: 3, max: 100 },
      clockNanos: 5000000000,
      cpus: 2,
      networks: {
        lo: { rxBytes: 140, rxPackets: 2, rxErrors: 0, rxDropped: 0, txBytes: 140, txPackets: 2, txErrors: 0, txDropped: 0 },
        eth0: { rxBytes: 1500, rxPackets: 10, rxErrors: 1, rxDropped: 2, txBytes: 900, txPackets: 8, txErrors: 3, txDropped: 4 },
      },
    });
    // A container with no process left has no network namespace to read, and a guest that could not count its CPUs has one.
    expect(parseReply("stats", reply({ "memory.max": "268435456\n", "pids.max": "max\n", ok: 1 }))).toMatchObject({ memory: { max: 268435456 }, pids: { max: undefined }, cpus: 1, networks: {} });
  });

  it("reads the exit and accept records the agent sends unasked", () => {
    expect(parseExit(reply({ code: 137, signal: 9, oomKilled: 1 }))).toEqual({ code: 137, signal: 9, oomKilled: true });
    // A process that is not a container's first one has no oomKilled.
    expect(parseExit(reply({ code: 3, signal: 0 }))).toEqual({ code: 3, signal: 0, oomKilled: false });
    expect(parseAccept(reply({ listener: "cli" }))).toEqual({ listener: "cli" });
  });
});

describe("the engine's requests", () => {
  it("are their records as they stand: lists as repeated keys, booleans as 1 and 0, absent fields left out", () => {
    const requests: [AgentRequest, [string, string][]][] = [
      [{ op: "signal", id: "c", signal: 15 }, [["op", "signal"], ["id", "c"], ["signal", "15"]]],
      [{ op: "create", id: "c", lower: ["/b", "/a"], privileged: true, device: [], memory: undefined }, [["op", "create"], ["id", "c"], ["lower", "/b"], ["lower", "/a"], ["privileged", "1"]]],
      [{ op: "exec", id: "c", stream: 4, arg: ["ls", "-l"], tty: false }, [["op", "exec"], ["id", "c"], ["stream", "4"], ["arg", "ls"], ["arg", "-l"], ["tty", "0"]]],
    ];
    for (const [request, pairs] of requests) {
      expect(wire(encodeRequest(request))).toBe(wire(concat(pairs)));
    }
  });

  // What the code before the typed protocol sent for the same calls, byte for byte.
  describe("as each call site sends them", () => {
    afterEach(() => vi.useRealTimers());

    it("hello, with the engine's clock", async () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(1_700_000_000_123);
      const guest = answeringAgent({ hello: { protocol: "1", agent: "drydock-agent 1.0", pid: 9 } });
      expect(await new AgentChannel(guest.port).syncClock()).toMatchObject({ protocol: "1", pid: 9 });
      expect(guest.requests.map(wire)).toEqual([wire(encodeRecord({ op: "hello", time: 1_700_000_000_123 }))]);
    });

    it("run, for a command on the Docker host", async () => {
      const guest = answeringAgent({ run: { pid: 300 } });
      const channel = new AgentChannel(guest.port);
      const result = runInGuest(channel, "echo hi");
      guest.send(agentFrame(FrameType.Exit, 0, 1, encodeRecord({ code: 2, signal: 0 })));
      expect(await result).toEqual({ exitCode: 2, stdout: "", stderr: "" });
      expect(guest.requests.map(wire)).toEqual([
        wire(encodeRecord({ op: "run", stream: 1, arg: ["/bin/sh", "-c", "echo hi"], env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root"], cwd: "/root", window: 262144 })),
      ]);
    });

    it("forward, to a UNIX socket or a host and port in the guest", async () => {
      for (const [target, where] of [
        [{ path: "/run/app.sock" }, { path: "/run/app.sock" }],
        [{ host: "registry", port: 5000 }, { address: "registry", port: 5000 }],
      ] as const) {
        const guest = answeringAgent();
        await dialInGuest(new AgentChannel(guest.port), target);
        expect(guest.requests.map(wire)).toEqual([wire(encodeRecord({ op: "forward", stream: 1, window: 262144, ...where }))]);
      }
    });

    it("listen and unlisten, for a UNIX socket or TCP", async () => {
      const guest = answeringAgent();
      const channel = new AgentChannel(guest.port);
      await channel.listen("cli", "/run/drydock/cli.sock", () => undefined);
      const api = await channel.listen("api", "tcp://0.0.0.0:2375", () => undefined);
      api.dispose();
      expect(guest.requests.map(wire)).toEqual([
        wire(encodeRecord({ op: "listen", name: "cli", path: "/run/drydock/cli.sock" })),
        wire(encodeRecord({ op: "listen", name: "api", address: "0.0.0.0", port: 2375 })),
        wire(encodeRecord({ op: "unlisten", name: "api" })),
      ]);
    });
  });
});

function concat(pairs: [string, string][]): Uint8Array {
  const bytes: number[] = [];
  for (const [key, value] of pairs) {
    const v = new TextEncoder().encode(value);
    bytes.push(key.length, ...new TextEncoder().encode(key), v.length, 0, 0, 0, ...v);
  }
  return new Uint8Array(bytes);
}
