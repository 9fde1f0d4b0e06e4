import type { ByteStream } from "../../../shared/byte-stream";
import { Emitter, type Disposable } from "../../../shared/disposable";
import { DrydockError } from "../../../shared/errors";
import type { CliIo, TerminalSize } from "../io";
import { decodeResize, decodeShimStart, encodeShimFrame, exitStatusPayload, flagPayload, ShimFrame, ShimFrameReader, type ShimStart } from "./shim-frames";

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
  connection.onEnd(() => lost.abort());
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
  /** Files asked of the shim, answered in order by its 'D' frames. */
  private readonly fileReads: { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }[] = [];

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
        const read = this.fileReads.shift();
        if (!read) break;
        if (payload[0] === 0) read.resolve(payload.subarray(1));
        else read.reject(new DrydockError("NotFound", new TextDecoder().decode(payload.subarray(1))));
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
      readFile: (path) => this.readFile(path, send),
      onSignal: (listener) => this.signals.on(listener),
    };
    return this.cached;
  }

  /** Go's wording for a file that cannot be read: "open x: no such file or directory". */
  private async readFile(path: string, send: (type: number, payload?: Uint8Array) => Promise<void>): Promise<Uint8Array> {
    const answer = new Promise<Uint8Array>((resolve, reject) => this.fileReads.push({ resolve, reject }));
    await send(ShimFrame.ReadFile, encoder.encode(path));
    try {
      return await answer;
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new DrydockError("NotFound", `open ${path}: ${why.charAt(0).toLowerCase()}${why.slice(1)}`);
    }
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
