import type { BuildProgress, BuildVertex } from "../../../shared/engine-api/build";
import { formatFloat } from "../../../shared/go-float";

/** A vertex's run in daemon time (ms since the build began); no stop while it runs. */
export interface Interval {
  start: number;
  stop?: number;
}

/** A sub-step of a vertex as last heard of: `transferring context: 2.05kB`. */
export interface StatusState {
  id: string;
  name: string;
  started?: number;
  completed?: number;
}

/** What the CLI knows of one vertex: the last word on each field, its runs, its output. */
export interface VertexState {
  digest: number;
  name: string;
  started?: number;
  completed?: number;
  cached: boolean;
  error?: string;
  source?: BuildVertex["source"];
  /** Each run's stop by its start (a vertex that runs again gets a second interval). */
  intervals: Map<number, number | undefined>;
  /** The sub-steps that started, in the order they did. */
  statuses: StatusState[];
  statusById: Map<string, StatusState>;
  /** Sub-steps heard of since the plain printer last printed the vertex. */
  statusUpdates: Set<string>;
  /** Output lines, each with BuildKit's prefix, seconds into the run: "0.281 hi". */
  lines: string[];
  /** The last line has no newline yet: more output goes on it. */
  partial: boolean;
  /** The end of the output as it came (for the terminal view of a running step). */
  tail: string;
  /** Output bytes so far. */
  outputBytes: number;
  decoder: TextDecoder;
}

/** How much of a vertex's raw output is kept for its terminal view: far more than 6 rows take. */
const TAIL = 16 * 1024;
const CANCELED = "context canceled";

/**
 * The build's graph as the daemon's progress messages tell it, for the progress displays:
 * BuildKit's progressui trace, fed BuildProgress instead of SolveStatus. Daemon times are
 * mapped to the local clock by the difference seen when the first vertex started.
 */
export class BuildTrace {
  readonly byDigest = new Map<number, VertexState>();
  /** Vertices that started, in the order they did. */
  readonly started: VertexState[] = [];
  /** Vertices with news since the plain printer last looked. */
  readonly updated = new Set<number>();
  /** Local time minus daemon time, once a vertex has started. */
  private offset: number | undefined;
  private firstStart: number | undefined;

  constructor(readonly now: () => number) {}

  update(progress: BuildProgress): void {
    for (const vertex of progress.vertexes ?? []) this.updateVertex(vertex);
    for (const status of progress.statuses ?? []) {
      const v = this.byDigest.get(status.vertex);
      if (!v) continue;
      let state = v.statusById.get(status.id);
      const wasStarted = state?.started !== undefined;
      if (!state) v.statusById.set(status.id, (state = { id: status.id, name: status.name }));
      Object.assign(state, definedOf({ name: status.name, started: status.started, completed: status.completed }));
      if (state.started !== undefined && !wasStarted) v.statuses.push(state);
      v.statusUpdates.add(status.id);
      this.updated.add(v.digest);
    }
    for (const log of progress.logs ?? []) {
      const v = this.byDigest.get(log.vertex);
      if (!v) continue;
      const bytes = Uint8Array.from(atob(log.data), (c) => c.charCodeAt(0));
      const text = v.decoder.decode(bytes, { stream: true });
      v.outputBytes += bytes.length;
      v.tail = (v.tail + text).slice(-TAIL);
      this.addLines(v, text, log.timestamp);
      this.updated.add(v.digest);
    }
  }

  /** The local time of a daemon time. */
  local(time: number): number {
    return time + (this.offset ?? 0);
  }

  /** Seconds since the first vertex started (BuildKit's header), 0 before. */
  elapsed(): number {
    return this.firstStart === undefined ? 0 : (this.now() - this.local(this.firstStart)) / 1000;
  }

  /** The vertices that failed (not those canceled because another did), in the order they started. */
  failed(): VertexState[] {
    return this.started.filter((v) => v.error !== undefined && !isCanceled(v));
  }

  private updateVertex(vertex: BuildVertex): void {
    let v = this.byDigest.get(vertex.digest);
    if (!v) {
      v = {
        digest: vertex.digest,
        name: vertex.name,
        cached: false,
        intervals: new Map(),
        statuses: [],
        statusById: new Map(),
        statusUpdates: new Set(),
        lines: [],
        partial: false,
        tail: "",
        outputBytes: 0,
        decoder: new TextDecoder(),
      };
      this.byDigest.set(vertex.digest, v);
    }
    const before = { name: v.name, started: v.started, completed: v.completed, cached: v.cached, error: v.error };
    // A message says what changed: a field it leaves out keeps what the last one said.
    Object.assign(v, definedOf(vertex));
    if (v.started === undefined) return;
    this.firstStart ??= v.started;
    if (before.started === undefined) {
      this.offset ??= this.now() - v.started;
      this.started.push(v);
    }
    v.intervals.set(v.started, v.completed);
    const changed = (Object.keys(before) as (keyof typeof before)[]).some((key) => before[key] !== v[key]);
    if (changed) this.updated.add(v.digest);
  }

  // BuildKit's log lines: split at newlines, the first piece going on an open last line, each
  // new line stamped with its time into the vertex's latest run (3 decimals under 10s, 2 under 100s).
  private addLines(v: VertexState, text: string, timestamp: number): void {
    if (text === "") return;
    const pieces = text.split("\n");
    const complete = pieces.at(-1) === "";
    if (complete) pieces.pop();
    pieces.forEach((piece, i) => {
      if (i === 0 && v.partial && v.lines.length > 0) {
        v.lines[v.lines.length - 1] += piece;
        return;
      }
      const start = latestRun(v)?.start;
      const seconds = start === undefined ? 0 : (timestamp - start) / 1000;
      v.lines.push(`${formatFloat(seconds, "f", seconds < 10 ? 3 : seconds < 100 ? 2 : 1)} ${piece}`);
    });
    v.partial = !complete;
  }
}

export function isCompleted(v: VertexState): boolean {
  const run = latestRun(v);
  return run !== undefined && run.stop !== undefined;
}

export function isCanceled(v: VertexState): boolean {
  return v.error?.endsWith(CANCELED) ?? false;
}

/** The vertex's runs with overlapping ones merged (a run still going takes all after it). */
export function mergedRuns(v: VertexState): Interval[] {
  return mergeIntervals([...v.intervals].map(([start, stop]) => ({ start, stop })));
}

export function latestRun(v: VertexState): Interval | undefined {
  return mergedRuns(v).at(-1);
}

/** Time spent in the runs, ms; a run still going counts up to `now` (daemon time). */
export function runTime(runs: readonly Interval[], now: number): number {
  return runs.reduce((sum, run) => sum + ((run.stop ?? now) - run.start), 0);
}

function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  let current = sorted[0];
  if (!current) return merged;
  for (const next of sorted.slice(1)) {
    if (current.stop === undefined) break;
    if (current.stop < next.start) {
      merged.push(current);
      current = next;
    } else if (next.stop === undefined) {
      current = { start: current.start };
      break;
    } else if (next.stop > current.stop) {
      current = { start: current.start, stop: next.stop };
    }
  }
  merged.push(current);
  return merged;
}

function definedOf<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
