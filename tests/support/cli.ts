import { serveConnection } from "../../src/engine/api/http/server";
import { runCli } from "../../src/engine/cli/cli";
import type { CliIo } from "../../src/engine/cli/io";
import type { Engine } from "../../src/engine/daemon/engine";
import { bytePipe } from "../../src/shared/byte-pipe";
import { Emitter } from "../../src/shared/disposable";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRun {
  /** Bytes for stdin; they are given once the CLI reads, then stdin ends. */
  stdin?: string;
  env?: Record<string, string>;
  /** Whether stdin and stdout are terminals, and their size. */
  tty?: { rows: number; cols: number };
  /** Signals to send the client after so many milliseconds. */
  signals?: [number, number][];
}

/** Drydock's docker CLI run in this process against the engine, through real HTTP bytes in a pipe. */
export async function dockerCli(engine: Engine, args: string[], run: CliRun = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const decoder = { out: new TextDecoder(), err: new TextDecoder() };
  const signals = new Emitter<number>();
  const io: CliIo = {
    stdin: {
      isTty: Boolean(run.tty),
      read(onData, onEnd) {
        const timer = setTimeout(() => {
          if (run.stdin) onData(new TextEncoder().encode(run.stdin));
          onEnd();
        }, 0);
        return { dispose: () => clearTimeout(timer) };
      },
    },
    stdout: { isTty: Boolean(run.tty), write: async (data) => void (stdout += typeof data === "string" ? data : decoder.out.decode(data, { stream: true })) },
    stderr: { isTty: Boolean(run.tty), write: async (data) => void (stderr += typeof data === "string" ? data : decoder.err.decode(data, { stream: true })) },
    env: run.env ?? {},
    cwd: "/root",
    size: () => run.tty,
    onResize: () => ({ dispose: () => undefined }),
    setRaw: async () => undefined,
    readFile: (path) => Promise.reject(new Error(`open ${path}: no such file or directory`)),
    onSignal: (listener) => signals.on(listener),
  };
  const timers = (run.signals ?? []).map(([ms, signal]) => setTimeout(() => signals.emit(signal), ms));
  const code = await runCli(args, io, {
    connect: () => async () => {
      const [client, server] = bytePipe();
      serveConnection(server, engine.handle);
      return client;
    },
  });
  timers.forEach(clearTimeout);
  return { code, stdout, stderr };
}
