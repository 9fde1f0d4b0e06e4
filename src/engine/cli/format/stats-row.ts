import type { ContainerStatsResponse } from "../../../shared/engine-api/containers";
import { bytesSize, humanSizeWithPrecision } from "../../../shared/human-size";
import { shortId, withJson } from "./text";

export const STATS_TABLE = "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";

export const STATS_HEADERS: Record<string, string> = {
  ID: "CONTAINER ID",
  Container: "CONTAINER",
  Name: "NAME",
  CPUPerc: "CPU %",
  MemUsage: "MEM USAGE / LIMIT",
  MemPerc: "MEM %",
  NetIO: "NET I/O",
  BlockIO: "BLOCK I/O",
  PIDs: "PIDS",
};

/** A `docker stats` row, with docker/cli's arithmetic for CPU % (two samples) and memory without the page cache. */
export function statsRow(sample: ContainerStatsResponse, given: string, trunc: boolean): object {
  const cpuDelta = sample.cpu_stats.cpu_usage.total_usage - sample.precpu_stats.cpu_usage.total_usage;
  const systemDelta = (sample.cpu_stats.system_cpu_usage ?? 0) - (sample.precpu_stats.system_cpu_usage ?? 0);
  const cpus = sample.cpu_stats.online_cpus || sample.cpu_stats.cpu_usage.percpu_usage?.length || 0;
  const cpu = systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0;
  const memory = sample.memory_stats;
  const inactive = memory.stats?.inactive_file ?? memory.stats?.total_inactive_file;
  const used = (memory.usage ?? 0) - (inactive !== undefined && inactive < (memory.usage ?? 0) ? inactive : 0);
  const limit = memory.limit ?? 0;
  const net = Object.values(sample.networks ?? {}).reduce((sum, n) => ({ rx: sum.rx + n.rx_bytes, tx: sum.tx + n.tx_bytes }), { rx: 0, tx: 0 });
  const blk = (sample.blkio_stats?.io_service_bytes_recursive ?? []).reduce(
    (sum, entry) => ({ read: sum.read + (entry.op.toLowerCase() === "read" ? entry.value : 0), write: sum.write + (entry.op.toLowerCase() === "write" ? entry.value : 0) }),
    { read: 0, write: 0 },
  );
  const row = {
    BlockIO: `${humanSizeWithPrecision(blk.read, 3)} / ${humanSizeWithPrecision(blk.write, 3)}`,
    CPUPerc: `${cpu.toFixed(2)}%`,
    Container: given,
    ID: trunc ? shortId(sample.id) : sample.id,
    MemPerc: `${(limit ? (used / limit) * 100 : 0).toFixed(2)}%`,
    MemUsage: `${bytesSize(used)} / ${bytesSize(limit)}`,
    Name: sample.name.replace(/^\//, ""),
    NetIO: `${humanSizeWithPrecision(net.rx, 3)} / ${humanSizeWithPrecision(net.tx, 3)}`,
    PIDs: String(sample.pids_stats?.current ?? 0),
  };
  return withJson(row, "*container.statsContext");
}
