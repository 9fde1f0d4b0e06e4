import type { AgentStats, AgentTop } from "../machine/agent-protocol";
import type { ContainerStats, ProcessEntry } from "./runtime";

/** The agent's top in times: clock ticks since the guest booted become dates and seconds. */
export function processEntries(top: AgentTop): ProcessEntry[] {
  return top.processes.map(({ pid, ppid, uid, startTicks, tty, cpuTicks, command }) => ({
    pid,
    ppid,
    uid,
    started: new Date((top.bootTime + startTicks / top.hz) * 1000),
    tty,
    cpuSeconds: cpuTicks / top.hz,
    command,
  }));
}

/** The agent's cgroup files as the figures Docker's stats are made of. */
export function containerStats(stats: AgentStats): ContainerStats {
  const { memory, cpu, pids } = stats;
  return {
    memory: { usage: memory.current, limit: memory.max, stats: memory.stat, oomKills: memory.events.oom_kill ?? 0 },
    cpu: {
      usageMicros: cpu.usage_usec ?? 0,
      userMicros: cpu.user_usec ?? 0,
      systemMicros: cpu.system_usec ?? 0,
      // All the CPU time there was: the guest's monotonic clock on each CPU, as /proc/stat's total counts it.
      hostMicros: Math.floor(stats.clockNanos / 1000) * stats.cpus,
      onlineCpus: stats.cpus,
      throttling: { periods: cpu.nr_periods ?? 0, throttledPeriods: cpu.nr_throttled ?? 0, throttledMicros: cpu.throttled_usec ?? 0 },
    },
    pids: { current: pids.current, limit: pids.max },
    networks: stats.networks,
  };
}
