import type { Disposable } from "../../shared/disposable";
import type { ControlLine } from "./control-line";
import type { Emulator } from "./emulator";

export interface IdleTimings {
  /** Quiet time (no console bytes, no file access) before the guest is asked if anything runs. */
  quietMs: number;
  /** How soon to ask again when the guest answered that something runs. */
  recheckMs: number;
}

export const DEFAULT_IDLE_TIMINGS: IdleTimings = { quietMs: 2000, recheckMs: 5000 };

/** A guest whose CPU ran for more than this share of a quiet spell is computing, whatever runs. */
const BUSY_SHARE = 0.5;

/**
 * Pauses the emulator when nothing runs in the guest, so an idle tab or daemon costs no CPU:
 * even halted, v86 wakes for every guest timer tick (the PIT cannot sleep longer than 55 ms).
 * "Nothing runs" is the guest's own answer (only init, the console shell and the control line
 * alive), asked after a quiet spell in which its CPU mostly halted: a loop in the console's
 * shell is no process of its own, and was paused mid-way. Any console input, output or file
 * access resumes it.
 */
export class IdlePauser implements Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the current quiet spell began, and the emulator's busy time then. */
  private spell = { at: 0, busyMs: 0 };
  private lastActivity = 0;
  /** Set when the pauser decides to stop the emulator; `stopped` once v86 has really stopped. */
  private paused = false;
  private stopped = false;
  private disposed = false;

  constructor(
    private readonly emulator: Emulator,
    private readonly control: ControlLine,
    private readonly timings: IdleTimings = DEFAULT_IDLE_TIMINGS,
    /** Called after the emulator runs again (the guest's clock stood still meanwhile). */
    private readonly onResume: () => void = () => undefined,
  ) {
    this.schedule(timings.quietMs);
  }

  get isPaused(): boolean {
    return this.paused && this.stopped;
  }

  /** Something happened: wake the emulator if it sleeps, and start the quiet spell again. */
  touch(): void {
    if (this.disposed) return;
    this.lastActivity = Date.now();
    if (this.paused) {
      this.paused = false;
      void this.emulator.run().then(() => this.onResume());
    }
    this.schedule(this.timings.quietMs);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.spell = { at: performance.now(), busyMs: this.emulator.busyMs() };
    this.timer = setTimeout(() => void this.check(), ms);
  }

  private async check(): Promise<void> {
    if (this.emulator.busyMs() - this.spell.busyMs > (performance.now() - this.spell.at) * BUSY_SHARE) return this.schedule(this.timings.recheckMs);
    const asked = this.lastActivity;
    let answer: string;
    try {
      answer = await this.control.request("activity", 2000);
    } catch {
      answer = "unknown";
    }
    if (this.disposed || this.lastActivity !== asked) return;
    if (answer === "idle") {
      this.paused = true;
      this.stopped = false;
      await this.emulator.stop();
      this.stopped = true;
    } else {
      this.schedule(this.timings.recheckMs);
    }
  }
}
