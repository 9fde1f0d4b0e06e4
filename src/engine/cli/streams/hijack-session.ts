import type { ByteStream } from "../../../shared/byte-stream";
import type { Disposable } from "../../../shared/disposable";
import { DetachScanner, parseDetachKeys } from "../../container/detach-keys";
import type { CliIo } from "../io";
import { StdcopyReader } from "./stdcopy";

export interface HijackOptions {
  tty: boolean;
  /** Send the client's stdin (run -i, attach, exec -i, start -i). */
  stdin: boolean;
  detachKeys?: string;
}

/** How an attached session ended: its output finished, or the learner detached. */
export type HijackEnd = "output-ended" | "detached";

/**
 * Carries a hijacked attach or exec connection: the container's output to stdout and stderr
 * (demultiplexed unless it has a tty), the client's stdin to it, with the terminal in raw mode
 * for a tty session, Docker's detach keys watched on the way (docker/cli's hijackedIOStreamer).
 */
export async function streamHijacked(io: CliIo, connection: ByteStream, options: HijackOptions): Promise<HijackEnd> {
  const raw = options.tty && options.stdin && io.stdin.isTty;
  if (raw) await io.setRaw(true);
  const subscriptions: Disposable[] = [];
  try {
    return await new Promise<HijackEnd>((resolve) => {
      const demux = options.tty ? undefined : new StdcopyReader();
      let writing = Promise.resolve();
      subscriptions.push(
        connection.onData((bytes) => {
          const frames = demux ? demux.push(bytes) : [{ stream: 1, payload: bytes }];
          for (const frame of frames) {
            const out = frame.stream === 2 ? io.stderr : io.stdout;
            writing = writing.then(() => out.write(frame.payload));
          }
        }),
        connection.onEnd(() => void writing.then(() => resolve("output-ended"))),
      );
      if (!options.stdin) return;
      const scanner = new DetachScanner(parseDetachKeys(options.detachKeys));
      subscriptions.push(
        io.stdin.read(
          (bytes) => {
            // The daemon sees the keys too and detaches its end, leaving the container's stdin
            // open; the client only needs to know it happened.
            void connection.write(bytes);
            if (raw && scanner.scan(bytes).detached) resolve("detached");
          },
          // End of input: a half close, so the container sees EOF and its output still comes.
          () => connection.end(),
        ),
      );
    });
  } finally {
    for (const s of subscriptions) s.dispose();
    // Done with it: the client's end closes, so the daemon lets the attach go.
    connection.end();
    if (raw) await io.setRaw(false);
  }
}
