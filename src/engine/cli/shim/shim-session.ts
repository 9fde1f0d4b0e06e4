import type { ByteStream } from "../../../shared/byte-stream";
import { Emitter, type Disposable } from "../../../shared/disposable";
import { DrydockError, type ErrorKind } from "../../../shared/errors";
import type { CliIo, TerminalSize } from "../io";
import {
  decodeDirEntries,
  decodeNames,
  decodeResize,
  decodeShimStart,
  encodeShimFrame,
  exitStatusPayload,
  flagPayload,
  ShimFrame,
  ShimFrameReader,
  SHIM_FILE_MAX,
  writeFilePayload,
  type ShimStart,
} from "./shim-frames";

const encoder = new TextEncoder();

/** Runs the CLI for one command line; `lost` is aborted when the client went away. */
export type CliRunner = (args: string[], io: CliIo, lost: AbortSignal) => Promise<number>;

/**
 * One `docker ...` typed in the guest: the shim's connection (shim-frames.ts) turned into the
 * CLI's terminal and stdio, the CLI run, its exit status sent back.
 */
export function serveShimSession(connection: ByteStream, run: CliRunner): void {
  const reader = new ShimFrameReader();
  const session = new ShimSession(connection);
  let started = false;
  const lost = new AbortController();
  connection.onData((bytes) => {
    let frames;
    try {
      frames = reader.push(bytes);
    } catch {
      return connection.end();
    }
    for (const frame of frames) {
      if (!started) {
        if (frame.type !== ShimFrame.Start) return connection.end();
        started = true;
        const start = decodeShimStart(frame.payload);
        void run(start.args, session.io(start), lost.signal)
          .catch(async (error: unknown) => {
            await session.io(start).stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
            return 1;
          })
          .then(async (status) => {
            await connection.write(encodeShimFrame(ShimFrame.Exit, exitStatusPayload(status)));
            connection.end();
          });
        continue;
      }
      session.frame(frame.type, frame.payload);
    }
  });
  connection.onEnd(() => {
    lost.abort();
    session.hungUp();
  });
}

class ShimSession {
  private size: TerminalSize | undefined;
  private readonly resized = new Emitter<TerminalSize>();
  private readonly signals = new Emitter<number>();
  private reader: { data: (bytes: Uint8Array) => void; end: () => void } | undefined;
  /** Stdin that came while nobody read (between a reader leaving and the shim hearing of it). */
  private held: Uint8Array[] = [];
  private stdinEnded = false;
  private cached: CliIo | undefined;
  /** File operations asked of the shim, answered in order by its 'D' frames. */
  private readonly asked: { resolve: (bytes: Uint8Array) => void; reject: (why: string) => void }[] = [];

  constructor(private readonly connection: ByteStream) {}

  frame(type: number, payload: Uint8Array): void {
    switch (type) {
      case ShimFrame.Stdin:
        if (payload.length === 0) {
          this.stdinEnded = true;
          this.reader?.end();
        } else if (this.reader) this.reader.data(payload);
        else this.held.push(payload);
        break;
      case ShimFrame.Resize:
        this.size = decodeResize(payload);
        this.resized.emit(this.size);
        break;
      case ShimFrame.Signal:
        if (payload.length > 0) this.signals.emit(payload[0]!);
        break;
      case ShimFrame.FileData: {
        const asked = this.asked.shift();
        if (!asked) break;
        if (payload[0] === 0) asked.resolve(payload.subarray(1));
        else asked.reject(new TextDecoder().decode(payload.subarray(1)));
        break;
      }
    }
  }

  io(start: ShimStart): CliIo {
    if (this.cached) return this.cached;
    this.size = start.rows > 0 && start.cols > 0 ? { rows: start.rows, cols: start.cols } : undefined;
    const send = (type: number, payload?: Uint8Array) => this.connection.write(encodeShimFrame(type, payload));
    const output = (type: number, isTty: boolean) => ({
      isTty,
      write: (data: string | Uint8Array) => send(type, typeof data === "string" ? encoder.encode(data) : data),
    });
    this.cached = {
      stdin: {
        isTty: start.stdinTty,
        read: (onData, onEnd) => this.read(onData, onEnd, send),
      },
      stdout: output(ShimFrame.Stdout, start.stdoutTty),
      stderr: output(ShimFrame.Stderr, start.stderrTty),
      env: start.env,
      cwd: start.cwd,
      size: () => this.size,
      onResize: (listener) => this.resized.on(listener),
      setRaw: (raw) => send(ShimFrame.Raw, flagPayload(raw)),
      readFile: (path) => this.ask("open", path, () => send(ShimFrame.ReadFile, encoder.encode(path))),
      readDir: async (path) => decodeNames(await this.ask("open", path, () => send(ShimFrame.ListDir, encoder.encode(path)))),
      lstatDir: async (path) => decodeDirEntries(await this.ask("open", path, () => send(ShimFrame.StatDir, encoder.encode(path)))),
      readLimit: SHIM_FILE_MAX,
      writeFile: async (path, data, mode) => void (await this.ask("open", path, () => send(ShimFrame.WriteFile, writeFilePayload(path, data, mode)))),
      removeAll: async (path) => void (await this.ask("unlinkat", path, () => send(ShimFrame.RemoveAll, encoder.encode(path)))),
      onSignal: (listener) => this.signals.on(listener),
    };
    return this.cached;
  }

  /**
   * Sends a file operation and waits for the shim's answer; a failure is in Go's words, "open
   * x: no such file or directory", of the kind the shell's errno means.
   */
  private async ask(op: string, path: string, send: () => Promise<void>): Promise<Uint8Array> {
    let entry!: (typeof this.asked)[number];
    const answer = new Promise<Uint8Array>((resolve, reject) => (entry = { resolve, reject }));
    this.asked.push(entry);
    try {
      await send();
    } catch (error) {
      // Never asked: its place in the queue would take the next question's answer.
      this.asked.splice(this.asked.indexOf(entry), 1);
      throw error;
    }
    try {
      return await answer;
    } catch (why) {
      const text = String(why);
      throw new DrydockError(errnoKind(text), `${op} ${path}: ${text.charAt(0).toLowerCase()}${text.slice(1)}`);
    }
  }

  /** The shim is gone: questions still waiting for it get no answer, and say so. */
  hungUp(): void {
    for (const asked of this.asked.splice(0)) asked.reject("the docker command went away");
  }

  private read(onData: (bytes: Uint8Array) => void, onEnd: () => void, send: (type: number, payload?: Uint8Array) => Promise<void>): Disposable {
    const reader = { data: onData, end: onEnd };
    this.reader = reader;
    const held = this.held;
    this.held = [];
    queueMicrotask(() => {
      for (const bytes of held) onData(bytes);
      if (this.stdinEnded) onEnd();
    });
    if (!this.stdinEnded) void send(ShimFrame.StdinWanted, flagPayload(true));
    return {
      dispose: () => {
        if (this.reader !== reader) return;
        this.reader = undefined;
        if (!this.stdinEnded) void send(ShimFrame.StdinWanted, flagPayload(false));
      },
    };
  }
}

function errnoKind(strerror: string): ErrorKind {
  if (strerror === "No such file or directory" || strerror === "Not a directory") return "NotFound";
  if (strerror === "Permission denied" || strerror === "Read-only file system") return "Forbidden";
  return "Internal";
}
