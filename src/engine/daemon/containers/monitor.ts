import type { Container } from "../../container/container";
import type { ImageRecord } from "../../image/image-store";
import type { ContainerStats, ProcessEntry } from "../../runtime/runtime";
import type { DaemonCore } from "../core";
import { notRunning } from "../errors";
import { listContainers, type ListOptions } from "../filters/container-filters";
import type { Filters } from "../filters/filters";

/** A container with its image (gone when removed with force while the container stayed). */
export interface ContainerSummary {
  container: Container;
  image: ImageRecord | undefined;
}

export interface StatsOptions {
  /** Samples every second until the client goes or the container stops; otherwise one. */
  stream: boolean;
  /** One sample without the one before it (no CPU percentage). */
  oneShot: boolean;
  signal: AbortSignal;
}

export interface StatsSample {
  read: string;
  stats: ContainerStats;
  /** The sample before, for Docker's CPU percentage. */
  previous: { read: string; stats: ContainerStats } | undefined;
}

/** A container that is not running has no sample: Docker gives zeros. */
const NO_STATS: ContainerStats = {
  memory: { usage: 0, limit: undefined, stats: {}, oomKills: 0 },
  cpu: { usageMicros: 0, userMicros: 0, systemMicros: 0, hostMicros: 0, onlineCpus: 1, throttling: { periods: 0, throttledPeriods: 0, throttledMicros: 0 } },
  pids: { current: 0, limit: undefined },
  networks: {},
};

/** `GET /containers/json`. */
export async function list(core: DaemonCore, filters: Filters, options: ListOptions): Promise<ContainerSummary[]> {
  const containers = await listContainers(core.containers.list(), filters, options, async (reference) => (await core.images.find(reference))?.id);
  return containerSummaries(core, containers);
}

export function containerSummaries(core: DaemonCore, containers: readonly Container[]): Promise<ContainerSummary[]> {
  return Promise.all(containers.map(async (container) => ({ container, image: await core.images.find(container.imageId) })));
}

/** `GET /containers/{id}/json`. */
export async function inspect(core: DaemonCore, nameOrId: string): Promise<Container> {
  return core.containers.get(nameOrId);
}

/** `GET /containers/{id}/stats`: a memory limit of none is the host's, as Docker reports it. */
export async function stats(core: DaemonCore, nameOrId: string, options: StatsOptions): Promise<{ container: Container; samples: AsyncIterable<StatsSample> }> {
  const container = core.containers.get(nameOrId);
  const { stream, oneShot, signal } = options;
  const sample = async () => {
    const stats = (container.state.Running ? await core.runtime.stats(container.id).catch(() => undefined) : undefined) ?? NO_STATS;
    return { stats: { ...stats, memory: { ...stats.memory, limit: stats.memory.limit ?? core.host.memTotal } }, read: new Date().toISOString() };
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const stop = () => (clearTimeout(timer), resolve());
      const timer = setTimeout(() => (signal.removeEventListener("abort", stop), resolve()), ms);
      signal.addEventListener("abort", stop, { once: true });
    });
  const samples = async function* (): AsyncGenerator<StatsSample> {
    // Docker's CPU % needs two samples; one-shot asks for just one.
    let previous = oneShot ? undefined : await sample();
    if (previous) await sleep(stream ? 0 : 1000);
    do {
      const now = await sample();
      yield { ...now, previous };
      previous = now;
      if (stream) await sleep(1000);
    } while (stream && !signal.aborted && container.state.Running);
  };
  return { container, samples: samples() };
}

/** `GET /containers/{id}/top`. */
export async function top(core: DaemonCore, nameOrId: string): Promise<ProcessEntry[]> {
  const container = core.containers.get(nameOrId);
  if (!container.state.Running) throw notRunning(container.id);
  return core.runtime.top(container.id);
}
