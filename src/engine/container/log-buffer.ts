export interface LogEntry {
  stream: "stdout" | "stderr";
  /** Milliseconds since the epoch, when the engine received it. */
  time: number;
  bytes: Uint8Array;
}

/**
 * A container's output as `docker logs` reads it, one entry per line (as Docker's log drivers
 * keep it, so --tail counts lines); in memory, the oldest dropped past a cap.
 */
export class LogBuffer {
  private readonly entries: LogEntry[] = [];
  private bytes = 0;
  private readonly listeners = new Set<(entry: LogEntry) => void>();

  constructor(private readonly capBytes = 4 * 1024 * 1024) {}

  append(entry: LogEntry): void {
    let start = 0;
    for (let i = 0; i < entry.bytes.length; i++) {
      if (entry.bytes[i] !== 10 || i === entry.bytes.length - 1) continue;
      this.add({ ...entry, bytes: entry.bytes.subarray(start, i + 1) });
      start = i + 1;
    }
    this.add({ ...entry, bytes: entry.bytes.subarray(start) });
  }

  private add(entry: LogEntry): void {
    this.entries.push(entry);
    this.bytes += entry.bytes.length;
    while (this.bytes > this.capBytes && this.entries.length > 1) this.bytes -= this.entries.shift()!.bytes.length;
    for (const listener of this.listeners) listener(entry);
  }

  all(): readonly LogEntry[] {
    return this.entries;
  }

  follow(listener: (entry: LogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
