import type { Disposable } from "../../../shared/disposable";
import type { BuildProgress } from "../../../shared/engine-api/build";
import type { CliOutput } from "../io";
import { BuildTrace } from "./build-trace";
import { failedSteps } from "./error-report";
import { PlainProgress } from "./progress-plain";
import { TtyProgress } from "./progress-tty";

/** How the progress is shown: redrawn on a terminal, printed line by line, or not at all. */
export type ProgressMode = "tty" | "plain" | "quiet";

/** BuildKit's redraw pace on a terminal: at most one frame a tenth of a second for news, and one every 150 ms for the clocks. */
const FRAME_GAP_MS = 100;
const TICK_MS = 150;
/** Lines of a failed step's output the plain display repeats under the build (BuildKit keeps 10). */
const PLAIN_ERROR_LINES = 10;

/** buildx's builder, as its progress names it: the docker driver's default instance. */
const BUILDER = { name: "default", driver: "docker" };

export interface DisplayOptions {
  now(): number;
  /** The terminal's size, when there is one. */
  size(): { rows: number; cols: number } | undefined;
  /** NO_COLOR is set. */
  noColor: boolean;
}

/**
 * The build's progress on `out` (stderr) in the given mode, from the daemon's BuildProgress
 * messages. Writes go out in order, each after the one before.
 */
export class ProgressDisplay {
  readonly trace: BuildTrace;
  private readonly tty: TtyProgress | undefined;
  private readonly plain: PlainProgress | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** The first write that failed: later ones are not tried, close() throws it. */
  private failure: unknown;
  private lastFrame = -Infinity;
  private readonly ticker: Disposable | undefined;

  constructor(
    readonly mode: ProgressMode,
    private readonly out: CliOutput,
    private readonly options: DisplayOptions,
  ) {
    this.trace = new BuildTrace(options.now);
    if (mode === "tty") {
      this.tty = new TtyProgress(this.trace, { phase: "Building", description: `${BUILDER.driver}:${BUILDER.name}`, color: !options.noColor });
      const timer = setInterval(() => this.draw(false), TICK_MS);
      this.ticker = { dispose: () => clearInterval(timer) };
    }
    if (mode === "plain") this.plain = new PlainProgress(this.trace, `building with ${JSON.stringify(BUILDER.name)} instance using ${BUILDER.driver} driver`);
  }

  update(progress: BuildProgress): void {
    this.trace.update(progress);
    if (this.plain) this.write(this.plain.print());
    else if (this.tty && this.options.now() - this.lastFrame >= FRAME_GAP_MS) this.draw(false);
  }

  /** The last of it (a terminal's final frame, all its lines), then what the failed steps printed. */
  async close(): Promise<void> {
    this.ticker?.dispose();
    if (this.tty) {
      this.draw(true);
      this.write(failedSteps(this.trace));
    }
    if (this.plain) this.write(this.plain.print() + failedSteps(this.trace, PLAIN_ERROR_LINES));
    await this.writing;
    if (this.failure !== undefined) throw this.failure;
  }

  private draw(last: boolean): void {
    const size = this.options.size();
    this.lastFrame = this.options.now();
    // BuildKit's size when the terminal does not say.
    this.write(this.tty!.frame(size?.cols || 80, size?.rows || 10, last));
  }

  private write(text: string): void {
    if (!text) return;
    this.writing = this.writing.then(() => (this.failure === undefined ? this.out.write(text) : undefined)).catch((error: unknown) => void (this.failure ??= error));
  }
}
