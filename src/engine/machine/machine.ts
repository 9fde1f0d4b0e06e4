import type { BootMode } from "../../shared/boot";
import type { Disposable } from "../../shared/disposable";
import { DrydockError } from "../../shared/errors";
import { PROMPT } from "../../shared/prompt";
import { COLD_BOOT_TIMEOUT_MS, RESTORE_TIMEOUT_MS } from "./boot-config";
import { fetchBootMedia, type BootMediaOptions } from "./boot-media";
import { lastLines, runOnConsole, type CommandResult } from "./console-command";
import { AgentChannel } from "./agent-channel";
import { ControlLine } from "./control-line";
import type { Emulator, EmulatorFactory } from "./emulator";
import { GuestConsole } from "./guest-console";
import { GuestFiles } from "./guest-files";
import { DEFAULT_IDLE_TIMINGS, IdlePauser, type IdleTimings } from "./idle-pauser";

export interface MachineOptions extends BootMediaOptions {
  emulator: EmulatorFactory;
  /** When to pause the emulator while nothing runs; `false` keeps it running. */
  idle?: IdleTimings | false;
  /** Overrides how long to wait for the guest's prompt. */
  bootTimeoutMs?: number;
}

/**
 * The Docker host VM: an i686 Linux in v86, started from a saved snapshot when one matches the
 * images, else cold-booted. Exposes the learner's console and the 9p tree shared with the guest.
 */
export class Machine implements Disposable {
  readonly console: GuestConsole;
  readonly files: GuestFiles;
  /** drydock-agent's channel: containers (src/engine/runtime speaks through it). */
  readonly agent: AgentChannel;
  private readonly control: ControlLine;
  private pauser: IdlePauser | undefined;
  private stopped = false;

  private screenAtStart = "";

  private constructor(
    private readonly emulator: Emulator,
    readonly mode: BootMode,
    private readonly options: MachineOptions,
  ) {
    this.control = new ControlLine(emulator);
    const activity = () => this.pauser?.touch();
    this.console = new GuestConsole(emulator, this.control, activity);
    this.files = new GuestFiles(emulator.files, activity);
    this.agent = new AgentChannel(emulator.agentPort, activity);
  }

  static async start(options: MachineOptions): Promise<Machine> {
    const { media, snapshotScreen } = await fetchBootMedia(options);
    const mode: BootMode = media.state ? "snapshot" : "cold";
    options.onProgress?.({ phase: "starting", mode });
    const machine = new Machine(options.emulator(media), mode, options);
    const limit = options.bootTimeoutMs ?? (mode === "snapshot" ? RESTORE_TIMEOUT_MS : COLD_BOOT_TIMEOUT_MS);
    try {
      const deadline = Date.now() + limit;
      if (mode === "snapshot") await withTimeout(machine.emulator.onceStarted(), limit);
      else await machine.console.waitFor(PROMPT, limit);
      await machine.control.ready(deadline);
      await machine.agent.ready(deadline);
    } catch {
      const tail = lastLines(machine.console.tail());
      await machine.stop();
      throw new DrydockError(
        "Unavailable",
        `the guest did not reach its prompt within ${limit / 1000} s (${mode === "snapshot" ? "restoring the snapshot" : "cold boot"}). The console's last lines:\n${tail || "(nothing)"}`,
      );
    }
    machine.screenAtStart = snapshotScreen ?? currentLine(machine.console.tail());
    if (options.idle !== false) {
      machine.pauser = new IdlePauser(machine.emulator, machine.control, options.idle ?? DEFAULT_IDLE_TIMINGS, () => {
        void machine.agent.syncClock().catch(() => undefined);
      });
    }
    return machine;
  }

  /**
   * The console's current line (when start() returned, the prompt): a terminal attached now
   * draws it first, since what the guest printed before (or before the snapshot) is gone.
   */
  get screen(): string {
    const tail = this.console.tail();
    return tail ? currentLine(tail) : this.screenAtStart;
  }

  /** True while the idle pauser holds the emulator still. */
  get paused(): boolean {
    return this.pauser?.isPaused ?? false;
  }

  /** Runs a shell command in the guest and collects its output and exit status. */
  run(command: string, options?: { onOutput?: (bytes: Uint8Array) => void; timeoutMs?: number }): Promise<CommandResult> {
    return runOnConsole(this.console, this.files, command, options);
  }

  /** True while the emulator executes guest code (false when paused because nothing runs). */
  get running(): boolean {
    return this.emulator.isRunning();
  }

  /**
   * A new VM in place of this one (whose guest may hang): the trees named in `keep` (image
   * layers) are carried over from this one's 9p file system, which lives outside the guest.
   */
  async restart(keep: readonly string[]): Promise<Machine> {
    const trees = await Promise.all(keep.map((path) => this.emulator.files.exportTree(path)));
    await this.stop();
    const next = await Machine.start(this.options);
    for (const nodes of trees) await next.emulator.files.importTree(nodes);
    return next;
  }

  saveState(): Promise<ArrayBuffer> {
    return this.emulator.saveState();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.pauser?.dispose();
    this.console.dispose();
    this.control.dispose();
    this.agent.dispose();
    await this.emulator.stop();
    await this.emulator.destroy();
  }

  dispose(): void {
    void this.stop();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

// The prompt's cursor-position query (ESC[6n) would be a question nobody answers if redrawn.
function currentLine(text: string): string {
  return text.replace(/\x1b\[6n/g, "").split("\n").pop() ?? "";
}
