import { formatFloat } from "../../../shared/go-float";
import { isCanceled, isCompleted, latestRun, mergedRuns, runTime, type BuildTrace, type VertexState } from "./build-trace";

/** How long a sub-step that keeps changing goes unprinted, and how long a step waits its turn. */
const STATUS_QUIET_MS = 5000;
const MAX_WAIT_MS = 10_000;

/** What the printer has shown of a vertex. */
interface Shown {
  /** BuildKit's #N: numbered as vertices are first printed. */
  index: number;
  /** Lines printed whole. */
  lines: number;
  /** Characters printed of the open line after them (0 when none, or when it must be printed again whole). */
  offset: number;
  /** When it first had news it could not print because another vertex had the floor. */
  waitingSince?: number;
}

/**
 * BuildKit's plain progress (`--progress=plain`, or output that is no terminal): one vertex
 * has the floor at a time, its header `#N name`, its sub-steps `#N name 0.1s done`, its output
 * `#N 0.281 hi`, and `#N DONE 0.3s` (or CACHED, or ERROR: why) when it completes; a blank line
 * between vertices, `#N ...` when one is left before it is done. Each call returns the text.
 */
export class PlainProgress {
  private current: VertexState | undefined;
  private readonly shown = new Map<number, Shown>();
  private count = 0;
  private started = false;
  /** When each sub-step was last printed (local time). */
  private readonly statusPrinted = new Map<string, number>();

  constructor(
    private readonly trace: BuildTrace,
    /** BuildKit's description, printed as #0 before the first vertex. */
    private readonly description: string,
  ) {}

  /** The text for what the trace heard since the last call. */
  print(): string {
    const { trace } = this;
    const updated = [...trace.updated].map((d) => trace.byDigest.get(d)).filter((v) => v !== undefined);
    const completed = updated.filter(isCompleted);
    const rest = updated.filter((v) => !isCompleted(v));
    const current = this.current;
    let out = "";
    // Vertices that completed go first, the one with the floor before the others.
    if (current && completed.includes(current)) out += this.printVertex(current);
    const byStop = (v: VertexState) => latestRun(v)?.stop ?? 0;
    for (const v of completed.sort((a, b) => byStop(a) - byStop(b))) if (v !== current) out += this.printVertex(v);
    if (rest.length === 0) {
      if (current && current.started !== undefined && !isCompleted(current)) return out;
      // Give the floor to a step still running, so it is seen to be.
      const open = trace.started.find((v) => !isCompleted(v));
      return open ? out + this.printVertex(open) : out;
    }
    const now = trace.now();
    for (const v of rest) if (v !== current) this.shownOf(v).waitingSince ??= now;
    if (current && rest.includes(current)) out += this.printVertex(current);
    if (!current || completed.includes(current)) return out + this.printVertex(rest[0]!);
    // Otherwise the floor stays where it is, but for a step that waited too long for it.
    const overdue = rest.find((v) => v !== current && now - (this.shownOf(v).waitingSince ?? now) > MAX_WAIT_MS);
    return overdue ? out + this.printVertex(overdue) : out;
  }

  private printVertex(v: VertexState): string {
    const shown = this.shownOf(v);
    shown.waitingSince = undefined;
    if (shown.index === 0) shown.index = ++this.count;
    const id = `#${shown.index}`;
    let out = "";
    if (this.current !== v) {
      if (this.current) {
        const old = this.shownOf(this.current);
        if (old.offset > 0) out += "\n";
        old.offset = 0;
        out += `#${old.index} ...\n`;
      }
      if (this.started) out += "\n";
      else if (this.description) out += `#0 ${this.description}\n\n`;
      this.started = true;
      out += `${id} ${v.name}\n`;
    }
    let openStatus = false;
    const now = this.trace.now();
    for (const status of v.statuses) {
      if (!v.statusUpdates.has(status.id)) continue;
      const key = `${v.digest}\0${status.id}`;
      const last = this.statusPrinted.get(key);
      if (last !== undefined && status.completed === undefined && now - last < STATUS_QUIET_MS) continue;
      this.statusPrinted.set(key, now);
      let time = "";
      if (status.started !== undefined && status.completed !== undefined) {
        const seconds = (status.completed - status.started) / 1000;
        if (seconds > 0.01) time = ` ${formatFloat(seconds, "f", 1)}s`;
      }
      if (status.completed !== undefined) time += " done";
      else openStatus = true;
      out += `${id} ${status.name}${time}\n`;
    }
    v.statusUpdates.clear();
    for (let i = shown.lines; i < v.lines.length; i++) {
      const line = v.lines[i]!;
      out += i === shown.lines && shown.offset > 0 ? line.slice(shown.offset) : `${id} ${line}`;
      if (i < v.lines.length - 1 || !v.partial) out += "\n";
    }
    if (v.lines.length > shown.lines) {
      shown.lines = v.partial ? v.lines.length - 1 : v.lines.length;
      shown.offset = v.partial ? v.lines.at(-1)!.length : 0;
    }
    this.current = v;
    if (isCompleted(v) && !openStatus) {
      this.current = undefined;
      if (v.partial) out += "\n";
      if (v.error !== undefined) out += isCanceled(v) ? `${id} CANCELED\n` : `${id} ERROR: ${v.error}\n`;
      else if (v.cached) out += `${id} CACHED\n`;
      else out += `${id} DONE ${formatFloat(runTime(mergedRuns(v), 0) / 1000, "f", 1)}s\n`;
    }
    this.trace.updated.delete(v.digest);
    return out;
  }

  private shownOf(v: VertexState): Shown {
    let shown = this.shown.get(v.digest);
    if (!shown) this.shown.set(v.digest, (shown = { index: 0, lines: 0, offset: 0 }));
    return shown;
  }
}
