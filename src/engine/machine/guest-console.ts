import { Emitter, type Disposable } from "../../shared/disposable";
import type { ControlLine } from "./control-line";
import type { Emulator } from "./emulator";

const TAIL_BYTES = 8192;
const RESIZE_TIMEOUT_MS = 5000;
const encoder = new TextEncoder();

/**
 * The learner's console (the guest's ttyS0) as a byte stream. v86 hands over one byte at a time;
 * they are gathered and emitted as one chunk per emulator slice.
 */
export class GuestConsole implements Disposable {
  private readonly output = new Emitter<Uint8Array>();
  private pending: number[] = [];
  private tailText = "";
  private readonly subscription: Disposable;

  /** `activity` is told of every byte in or out (it wakes a paused emulator). */
  constructor(
    private readonly emulator: Emulator,
    private readonly control: ControlLine,
    private readonly activity: () => void,
  ) {
    this.subscription = emulator.onSerialByte(0, (byte) => {
      if (this.pending.length === 0) queueMicrotask(() => this.flush());
      this.pending.push(byte);
    });
  }

  onData(listener: (chunk: Uint8Array) => void): Disposable {
    return this.output.on(listener);
  }

  write(data: Uint8Array | string): void {
    this.activity();
    this.emulator.sendSerial(0, typeof data === "string" ? encoder.encode(data) : data);
  }

  /**
   * Tells the guest tty the terminal's size; the kernel then signals SIGWINCH to the shell.
   * Resolves once the guest has applied it (its control line answers in order, so the answer
   * to a ping sent after it), so that a command typed next reads the new size; a guest that
   * does not answer leaves the size as it was, and is not an error here.
   */
  async resize(columns: number, rows: number): Promise<void> {
    if (!Number.isInteger(columns) || !Number.isInteger(rows) || columns < 1 || rows < 1) return;
    this.activity();
    this.control.send(`winsize ${rows} ${columns}`);
    await this.control.request("ping", RESIZE_TIMEOUT_MS).catch(() => undefined);
  }

  /** The last few KiB the console printed, for error messages and prompt detection. */
  tail(): string {
    return this.tailText;
  }

  /** Resolves once the console's recent output (its tail) matches the pattern. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (pattern.test(this.tailText)) return resolve();
      const timer = setTimeout(() => {
        subscription.dispose();
        reject(new Error(`timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      const subscription = this.output.on(() => {
        if (!pattern.test(this.tailText)) return;
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      });
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.output.clear();
  }

  private flush(): void {
    this.activity();
    const chunk = Uint8Array.from(this.pending);
    this.pending = [];
    this.tailText = (this.tailText + String.fromCharCode(...chunk.subarray(-TAIL_BYTES))).slice(-TAIL_BYTES);
    this.output.emit(chunk);
  }
}
