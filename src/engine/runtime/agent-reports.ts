import type { AgentRecord } from "../machine/agent-record";
import type { ContainerStats, ProcessEntry } from "./runtime";

/** The agent's "top": one "proc" per process, `pid ppid uid start-ticks tty cpu-ticks\tcommand`. */
export function parseTop(record: AgentRecord): ProcessEntry[] {
  const hz = record.number("hz") ?? 100;
  const boot = record.number("btime") ?? 0;
  return record.all("proc").map((row) => {
    const tab = row.indexOf("\t");
    const [pid, ppid, uid, start, tty, cpu] = row.slice(0, tab).split(" ").map(Number) as [number, number, number, number, number, number];
    return { pid, ppid, uid, started: new Date((boot + start / hz) * 1000), tty, cpuSeconds: cpu / hz, command: row.slice(tab + 1) };
  });
}

/** The agent's "stats": the cgroup's files and the guest's /proc, as they read. */
export function parseStats(record: AgentRecord): ContainerStats {
  const num = (key: string) => Number(record.get(key)?.trim() ?? 0);
  const limit = (key: string) => {
    const text = record.get(key)?.trim();
    return text === undefined || text === "max" ? undefined : Number(text);
  };
  const cpu = keyValues(record.get("cpu.stat"));
  const cpus = num("cpus") || 1;
  return {
    memory: {
      usage: num("memory.current"),
      limit: limit("memory.max"),
      stats: keyValues(record.get("memory.stat")),
      oomKills: keyValues(record.get("memory.events")).oom_kill ?? 0,
    },
    cpu: {
      usageMicros: cpu.usage_usec ?? 0,
      userMicros: cpu.user_usec ?? 0,
      systemMicros: cpu.system_usec ?? 0,
      // All the CPU time there was: the guest's monotonic clock on each CPU, as /proc/stat's total counts it.
      hostMicros: Math.floor(num("clock") / 1000) * cpus,
      onlineCpus: cpus,
      throttling: { periods: cpu.nr_periods ?? 0, throttledPeriods: cpu.nr_throttled ?? 0, throttledMicros: cpu.throttled_usec ?? 0 },
    },
    pids: { current: num("pids.current"), limit: limit("pids.max") },
    networks: networks(record.get("net.dev")),
  };
}

function keyValues(text: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of (text ?? "").split("\n")) {
    const [key, value] = line.trim().split(/\s+/);
    if (key && value !== undefined) out[key] = Number(value);
  }
  return out;
}

function networks(text: string | undefined): ContainerStats["networks"] {
  const out: ContainerStats["networks"] = {};
  for (const line of (text ?? "").split("\n").slice(2)) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const f = line.slice(colon + 1).trim().split(/\s+/).map(Number);
    out[line.slice(0, colon).trim()] = {
      rxBytes: f[0] ?? 0,
      rxPackets: f[1] ?? 0,
      rxErrors: f[2] ?? 0,
      rxDropped: f[3] ?? 0,
      txBytes: f[8] ?? 0,
      txPackets: f[9] ?? 0,
      txErrors: f[10] ?? 0,
      txDropped: f[11] ?? 0,
    };
  }
  return out;
}
