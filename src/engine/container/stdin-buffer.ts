import type { RuntimeProcess } from "../runtime/runtime";

/**
 * Stdin from a client that may arrive before the process exists (attach comes before start;
 * exec's bytes come while the agent still spawns): kept, then handed over in order.
 */
export class StdinBuffer {
  private pending: Uint8Array[] = [];
  private ended = false;
  private process: RuntimeProcess | undefined;

  write(bytes: Uint8Array): void {
    if (this.process) void this.process.write(bytes);
    else this.pending.push(bytes);
  }

  end(): void {
    if (this.process) this.process.closeStdin();
    else this.ended = true;
  }

  connect(process: RuntimeProcess): void {
    this.process = process;
    for (const bytes of this.pending) void process.write(bytes);
    this.pending = [];
    if (this.ended) process.closeStdin();
  }
}
