import type { Container } from "../../container/container";
import type { StatsSample } from "../../daemon/containers/monitor";
import type { ContainerStatsResponse } from "../../../shared/engine-api/containers";
import type { ContainerStats } from "../../runtime/runtime";

const ZERO = "0001-01-01T00:00:00Z";

/** One sample in the shape of Docker's `GET /containers/{id}/stats` (cgroup v2 fields). */
export function statsJson(container: Container, sample: StatsSample): ContainerStatsResponse {
  const { stats: now, previous } = sample;
  const cpu = (s: ContainerStats) => ({
    cpu_usage: { total_usage: s.cpu.usageMicros * 1000, usage_in_kernelmode: s.cpu.systemMicros * 1000, usage_in_usermode: s.cpu.userMicros * 1000 },
    system_cpu_usage: s.cpu.hostMicros * 1000,
    online_cpus: s.cpu.onlineCpus,
    throttling_data: { periods: s.cpu.throttling.periods, throttled_periods: s.cpu.throttling.throttledPeriods, throttled_time: s.cpu.throttling.throttledMicros * 1000 },
  });
  return {
    read: sample.read,
    preread: previous?.read ?? ZERO,
    pids_stats: { current: now.pids.current, ...(now.pids.limit !== undefined ? { limit: now.pids.limit } : {}) },
    blkio_stats: { io_service_bytes_recursive: null, io_serviced_recursive: null, io_queue_recursive: null, io_service_time_recursive: null, io_wait_time_recursive: null, io_merged_recursive: null, io_time_recursive: null, sectors_recursive: null },
    num_procs: 0,
    storage_stats: {},
    cpu_stats: cpu(now),
    precpu_stats: previous ? cpu(previous.stats) : { cpu_usage: { total_usage: 0, usage_in_kernelmode: 0, usage_in_usermode: 0 }, throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 } },
    memory_stats: { usage: now.memory.usage, stats: now.memory.stats, limit: now.memory.limit },
    name: container.name,
    id: container.id,
    networks: Object.fromEntries(
      Object.entries(now.networks)
        .filter(([name]) => name !== "lo")
        .map(([name, n]) => [name, { rx_bytes: n.rxBytes, rx_packets: n.rxPackets, rx_errors: n.rxErrors, rx_dropped: n.rxDropped, tx_bytes: n.txBytes, tx_packets: n.txPackets, tx_errors: n.txErrors, tx_dropped: n.txDropped }]),
    ),
  };
}
