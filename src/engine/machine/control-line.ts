import type { Disposable } from "../../shared/disposable";
import { DrydockError } from "../../shared/errors";
import type { Emulator } from "./emulator";

const encoder = new TextEncoder();
/** The longest answer the guest's control script gives is a few bytes; more is not an answer. */
const MAX_LINE = 256;

/**
 * The engine's control line to the guest (ttyS1, served by guest/rootfs/usr/libexec/drydock/
 * control): line-based requests, at most one awaiting an answer at a time.
 */
export class ControlLine implements Disposable {
  private line = "";
  private waiting: { resolve: (answer: string) => void; reject: (error: Error) => void } | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly subscription: Disposable;

  constructor(private readonly emulator: Emulator) {
    this.subscription = emulator.onSerialByte(1, (byte) => {
      if (byte === 0x0a) {
        const answer = this.line.replace(/\r$/, "");
        this.line = "";
        this.waiting?.resolve(answer);
        this.waiting = undefined;
      } else if (this.line.length < MAX_LINE) {
        // Bytes past the cap are dropped: a privileged container writing to ttyS1 cannot grow this.
        this.line += String.fromCharCode(byte);
      }
    });
  }

  /** A request that has no answer. */
  send(request: string): void {
    this.emulator.sendSerial(1, encoder.encode(request + "\n"));
  }

  /** A request answered by one line. */
  request(request: string, timeoutMs: number): Promise<string> {
    const next = this.queue.then(
      () =>
        new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => {
            this.waiting = undefined;
            reject(new DrydockError("Unavailable", `the guest's control line did not answer "${request}" within ${timeoutMs} ms`));
          }, timeoutMs);
          this.waiting = {
            resolve: (answer) => (clearTimeout(timer), resolve(answer)),
            reject: (error) => (clearTimeout(timer), reject(error)),
          };
          this.send(request);
        }),
    );
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves once the guest answers a ping (its answer, not the echo of a line still cooked). */
  async ready(deadline: number): Promise<void> {
    while (Date.now() < deadline) {
      const answer = await this.request("ping", Math.min(1000, Math.max(1, deadline - Date.now()))).catch(() => "");
      if (answer === "pong") return;
    }
    throw new DrydockError("Unavailable", "the guest's control line did not answer");
  }

  dispose(): void {
    this.subscription.dispose();
    this.waiting?.reject(new DrydockError("Unavailable", "the machine stopped"));
    this.waiting = undefined;
  }
}
