import { AsyncQueue } from "../../../shared/async-queue";
import { concatBytes } from "../../../shared/bytes";
import type { Container } from "../../container/container";
import type { LogEntry } from "../../container/log-buffer";
import { stdioFrame } from "../../container/stdio-frame";
import type { DaemonCore } from "../core";
import type { LogStream } from "../streams";

export interface LogsOptions {
  stdout: boolean;
  stderr: boolean;
  follow: boolean;
  /** "all", or how many of the last lines. */
  tail: string;
  /** Unix seconds; 0 for no bound. */
  since: number;
  until: number;
  timestamps: boolean;
  /** The client went away: following ends. */
  signal: AbortSignal;
}

/** `GET /containers/{id}/logs`. */
export async function logs(core: DaemonCore, nameOrId: string, options: LogsOptions): Promise<LogStream> {
  const container = core.containers.get(nameOrId);
  return { tty: container.tty, stream: logLines(container, options) };
}

async function* logLines(container: Container, options: LogsOptions): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  const wanted = (stream: LogEntry["stream"]) => (stream === "stdout" ? options.stdout : options.stderr);
  const format = (entry: LogEntry) => {
    const bytes = options.timestamps ? concatBytes([encoder.encode(new Date(entry.time).toISOString().replace("Z", "000000Z") + " "), entry.bytes]) : entry.bytes;
    return container.tty ? bytes : stdioFrame(entry.stream, bytes);
  };
  let entries = container.logs.all().filter((e) => wanted(e.stream) && e.time >= options.since * 1000 && (!options.until || e.time <= options.until * 1000));
  const tail = Number(options.tail);
  if (options.tail !== "all" && options.tail !== "" && Number.isInteger(tail) && tail >= 0) entries = tail === 0 ? [] : entries.slice(-tail);
  const queue = new AsyncQueue<Uint8Array>();
  const stop = options.follow && container.state.Running ? container.logs.follow((entry) => wanted(entry.stream) && queue.push(format(entry))) : undefined;
  for (const entry of entries) yield format(entry);
  if (!stop) return;
  // Following ends with the container's exit, or when the client goes.
  void container.wait("next-exit").then(() => queue.close());
  options.signal.addEventListener("abort", () => queue.close());
  try {
    yield* queue.drain();
  } finally {
    stop();
  }
}
