import { DrydockError } from "../../shared/errors";

/** "ctrl-p,ctrl-q" (Docker's default) as the bytes a terminal sends: [16, 17]. */
export function parseDetachKeys(text: string | null | undefined): number[] {
  const spec = text || "ctrl-p,ctrl-q";
  return spec.split(",").map((key) => {
    const ctrl = /^ctrl-([a-z@[\\\]^_])$/.exec(key);
    if (ctrl) return ctrl[1]!.charCodeAt(0) & 0x1f;
    if (key.length === 1) return key.charCodeAt(0);
    throw new DrydockError("InvalidParameter", `Invalid detach keys (${spec}) provided`);
  });
}

/**
 * Watches an attached client's stdin for the detach sequence: bytes that might begin it are
 * held back, released if the sequence breaks, and dropped when it completes.
 */
export class DetachScanner {
  private held: number[] = [];

  constructor(private readonly keys: readonly number[]) {}

  scan(bytes: Uint8Array): { pass: Uint8Array; detached: boolean } {
    const pass: number[] = [];
    for (const byte of bytes) {
      if (byte === this.keys[this.held.length]) {
        this.held.push(byte);
        if (this.held.length === this.keys.length) return { pass: new Uint8Array(pass), detached: true };
        continue;
      }
      pass.push(...this.held);
      this.held = [];
      if (byte === this.keys[0]) this.held.push(byte);
      else pass.push(byte);
    }
    return { pass: new Uint8Array(pass), detached: false };
  }
}
