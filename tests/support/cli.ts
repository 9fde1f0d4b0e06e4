import { runCli } from "../../src/engine/cli/cli";
import type { CliIo } from "../../src/engine/cli/io";
import { DrydockError } from "../../src/shared/errors";
import { clientFiles } from "../../src/node/client-files";
import type { ByteStream } from "../../src/shared/byte-stream";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRun {
  /** Bytes for stdin; they are given once the CLI reads, then stdin ends. */
  stdin?: string;
  env?: Record<string, string>;
  /** The one daemon address that answers (unix://...); without it, any address reaches the engine. */
  address?: string;
  /** The client's working directory (its files are read relative to it); this process's by default. */
  cwd?: string;
  /** stdout and stderr are a terminal of this size. */
  terminal?: { rows: number; cols: number };
}

/**
 * Drydock's docker CLI run in this process against an engine (the real VM's or the fake
 * runtime's), through real HTTP bytes in a pipe; its files are this machine's.
 */
export async function dockerCli(engine: { dial(): Promise<ByteStream> }, args: string[], run: CliRun = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const decoder = { out: new TextDecoder(), err: new TextDecoder() };
  const io: CliIo = {
    stdin: {
      isTty: false,
      read(onData, onEnd) {
        const timer = setTimeout(() => {
          if (run.stdin) onData(new TextEncoder().encode(run.stdin));
          onEnd();
        }, 0);
        return { dispose: () => clearTimeout(timer) };
      },
    },
    stdout: { isTty: Boolean(run.terminal), write: async (data) => void (stdout += typeof data === "string" ? data : decoder.out.decode(data, { stream: true })) },
    stderr: { isTty: Boolean(run.terminal), write: async (data) => void (stderr += typeof data === "string" ? data : decoder.err.decode(data, { stream: true })) },
    env: run.env ?? {},
    cwd: run.cwd ?? process.cwd(),
    size: () => run.terminal,
    onResize: () => ({ dispose: () => undefined }),
    setRaw: async () => undefined,
    ...clientFiles(run.cwd ?? process.cwd()),
    onSignal: () => ({ dispose: () => undefined }),
  };
  const connect = (host: string) => () => (!run.address || host === run.address ? engine.dial() : Promise.reject(new DrydockError("Unavailable", `nothing listens at ${host}`)));
  const code = await runCli(args, io, { connect });
  return { code, stdout, stderr };
}

/** `docker ARGS` against `engine`, with its own config directory (so nothing of this machine's is read). */
export function cliOver(engine: { dial(): Promise<ByteStream> }, configDir: string): (args: string[], stdin?: string) => Promise<CliResult> {
  return (args, stdin) => dockerCli(engine, args, { stdin, env: { DOCKER_CONFIG: configDir } });
}
