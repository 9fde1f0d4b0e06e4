import { formatFloat } from "../../../shared/go-float";
import { isCanceled, isCompleted, mergedRuns, runTime, type BuildTrace, type Interval, type VertexState } from "./build-trace";
import { screenRows } from "./term-screen";

/** Rows of a running step's output shown under it, and the room it needs to be shown. */
const TERM_ROWS = 6;
const TERM_ROOM = TERM_ROWS + 3;
/** Columns the output rows give up to their ` => => # ` prefix (BuildKit's termPad). */
const TERM_PAD = 10;

const ESC = "\x1b[";
const COLORS = { run: `${ESC}34m`, cancel: `${ESC}33m`, error: `${ESC}31m` };
const FAINT = `${ESC}2m`;
const RESET = `${ESC}0m`;

/** One line of the display: a vertex, or one of its sub-steps. */
interface Job {
  name: string;
  /** Local times. */
  runs: Interval[];
  completed: boolean;
  error: boolean;
  canceled: boolean;
  /** Set for a vertex's own line: its output may be shown under it. */
  vertex?: VertexState;
  showOutput?: boolean;
}

export interface TtyOptions {
  /** `Building`. */
  phase: string;
  /** Right-aligned on the first line: `docker:default`. */
  description: string;
  /** Finished lines in colour (blue, red for an error); NO_COLOR says no. */
  color: boolean;
}

/**
 * BuildKit's progress on a terminal, redrawn in place: `[+] Building 1.9s (7/7) FINISHED`,
 * then a line per vertex and per sub-step with its time on the right, lines cut to the width,
 * a running step's last output rows under it (` => => # ...`) while there is room, the oldest
 * finished lines dropped to fit the height until the last frame, which shows them all.
 */
export class TtyProgress {
  private lineCount = 0;
  private drawn = false;
  /** How often each vertex's output was shown: a step shown often keeps its place. */
  private readonly shownOutput = new Map<number, number>();

  constructor(
    private readonly trace: BuildTrace,
    private readonly options: TtyOptions,
  ) {}

  /** The bytes that draw the display over the last frame. */
  frame(width: number, height: number, last: boolean): string {
    const { trace } = this;
    let jobs = this.jobs();
    const hidden = this.chooseOutputs(jobs, width, height);
    if (!last) jobs = fitHeight(jobs, height - 2 - hidden);
    // Up to this frame's first line: the last one left the cursor under its last line.
    let out = this.drawn ? `${ESC}${this.lineCount + 1}A\r` : "\r";
    this.drawn = true;
    out += `${ESC}?25l`;
    const vertices = [...trace.byDigest.values()];
    const done = vertices.filter(isCompleted).length;
    const finished = done > 0 && done === vertices.length && last ? "FINISHED" : "";
    let header = `[+] ${this.options.phase} ${formatFloat(trace.elapsed(), "f", 1)}s (${done}/${vertices.length}) ${finished}`;
    header = this.options.description ? align(header, this.options.description, width - 1) : align(header, "", width);
    out += `${header.slice(0, width)}\n`;
    let lines = 0;
    const now = trace.now();
    for (const job of jobs) {
      let seconds = runTime(job.runs, now) / 1000;
      if (seconds < 0.05) seconds = 0;
      const timer = ` ${formatFloat(seconds, "f", 1).padStart(3)}s\n`;
      const room = width - 4 - timer.length - 1;
      if (room < 12) continue;
      let line = align(` => ${[...job.name].slice(0, room).join("")}`, timer, width);
      if (job.completed && this.options.color) line = `${job.canceled ? COLORS.cancel : job.error ? COLORS.error : COLORS.run}${line}${RESET}`;
      out += line;
      lines++;
      if (job.showOutput && job.vertex) {
        for (const row of screenRows(job.vertex.tail, width - TERM_PAD, TERM_ROWS)) {
          if (row.trim() === "") continue;
          out += `${FAINT} => => # ${row}\n${RESET}`;
          lines++;
        }
        this.shownOutput.set(job.vertex.digest, (this.shownOutput.get(job.vertex.digest) ?? 0) + 1);
      }
    }
    // Blank what the last frame had below this one's end.
    if (this.lineCount > lines) {
      const blank = this.lineCount - lines;
      out += `${" ".repeat(width)}\n`.repeat(blank) + `${ESC}${blank}A\r`;
    }
    this.lineCount = lines;
    return out + `${ESC}?25h`;
  }

  private jobs(): Job[] {
    const jobs: Job[] = [];
    const local = (run: Interval): Interval => ({ start: this.trace.local(run.start), ...(run.stop === undefined ? {} : { stop: this.trace.local(run.stop) }) });
    for (const v of this.trace.started) {
      const runs = mergedRuns(v).map(local);
      let name = v.name.replaceAll("\t", " ");
      const canceled = isCanceled(v);
      if (v.error !== undefined) name = `${canceled ? "CANCELED" : "ERROR"} ${name}`;
      if (v.cached) name = `CACHED ${name}`;
      jobs.push({ name, runs, completed: runs.every((run) => run.stop !== undefined), error: v.error !== undefined && !canceled, canceled, vertex: v });
      // A sub-step is listed once it started.
      for (const status of v.statuses) {
        const runs = [local({ start: status.started!, ...(status.completed === undefined ? {} : { stop: status.completed }) })];
        jobs.push({ name: `=> ${status.name}`, runs, completed: status.completed !== undefined, error: false, canceled: false });
      }
    }
    return jobs;
  }

  /**
   * Marks the running steps whose output is shown, those with the most output first, while the
   * height leaves room; the rows they take, which the finished lines above give up.
   */
  private chooseOutputs(jobs: Job[], width: number, height: number): number {
    const running = jobs.filter((job) => !job.completed).length;
    const weight = (job: Job) => job.vertex!.outputBytes + (this.shownOutput.get(job.vertex!.digest) ?? 0) * 50;
    const candidates = jobs.filter((job) => job.vertex && job.vertex.outputBytes > 0 && !job.completed).sort((a, b) => weight(b) - weight(a));
    let free = height - 2 - running;
    let rows = 0;
    for (const job of candidates) {
      if (free <= TERM_ROOM) break;
      job.showOutput = true;
      rows += screenRows(job.vertex!.tail, width - TERM_PAD, TERM_ROWS).filter((row) => row.trim() !== "").length;
      free -= TERM_ROOM;
    }
    return rows;
  }
}

/** Go's fmt "%-*s %s": `left` padded so that `right` ends at `width`. */
function align(left: string, right: string, width: number): string {
  return `${left.padEnd(width - right.length - 1)} ${right}`;
}

/**
 * The last `limit` lines, but running steps cut off above come back in place of the first
 * finished ones kept (BuildKit's wrapHeight): what is still going stays in view.
 */
function fitHeight(jobs: Job[], limit: number): Job[] {
  if (limit < 0) return [];
  if (jobs.length <= limit) return jobs;
  const kept = jobs.slice(jobs.length - limit);
  const invisible = jobs.slice(0, jobs.length - limit).filter((job) => !job.completed);
  if (invisible.length === 0) return kept;
  // Among the first kept lines, as many as went missing above, the finished ones make room.
  let left = invisible.length;
  const rewrapped = kept.filter((job) => {
    const keep = !job.completed || left <= 0;
    left--;
    return keep;
  });
  const free = kept.length - rewrapped.length;
  return [...invisible.slice(invisible.length - free), ...rewrapped];
}
