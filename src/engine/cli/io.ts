import type { Disposable } from "../../shared/disposable";

/** Where the CLI writes: a terminal, a pipe or a file, as far as it can tell. */
export interface CliOutput {
  readonly isTty: boolean;
  /** Resolves once the bytes are handed on (the shim's socket, Node's stdout). */
  write(data: string | Uint8Array): Promise<void>;
}

/**
 * The CLI's stdin. Nothing is read until `read` is called: a command that takes no input must
 * leave what the learner types ahead for the shell that runs next.
 */
export interface CliInput {
  readonly isTty: boolean;
  /** Delivers each chunk, then `onEnd` once at end of file; disposing stops reading. */
  read(onData: (bytes: Uint8Array) => void, onEnd: () => void): Disposable;
}

/** What lstat says of one entry of a client's directory. */
export interface ClientDirEntry {
  name: string;
  type: "file" | "directory" | "symlink" | "fifo" | "socket" | "char" | "block" | "other";
  /** Permission bits, with set-user-ID, set-group-ID and sticky (st_mode & 07777). */
  mode: number;
  /** Bytes, for a regular file. */
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
  /** A symbolic link's target, as readlink gives it. */
  linkTarget?: string;
}

export interface TerminalSize {
  rows: number;
  cols: number;
}

/**
 * Everything the docker CLI knows of where it runs: its stdio, the terminal's size and mode,
 * its environment, and the signals it receives. The guest shim and Node's process both provide
 * one (src/engine/cli/shim/shim-io.ts, src/node/commands/docker.ts).
 */
export interface CliIo {
  readonly stdin: CliInput;
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** The terminal's size, when stdout or stdin is one. */
  size(): TerminalSize | undefined;
  onResize(listener: (size: TerminalSize) => void): Disposable;
  /** Raw mode on the input terminal, as `docker run -it` sets it; false restores it. */
  setRaw(raw: boolean): Promise<void>;
  /**
   * A file on the client's side (--env-file, config.json, a context's meta.json), relative to
   * `cwd`. These file operations fail with Go's wording, "open x: no such file or directory",
   * as a DrydockError of kind NotFound when the path is not there (contexts count on it).
   */
  readFile(path: string): Promise<Uint8Array>;
  /**
   * Replaces a file on the client's side (config.json, a context's meta.json), relative to
   * `cwd`, with `mode`; missing directories are made (0755). Atomic where the platform can
   * (a temporary file renamed over it), so a reader never sees half a file.
   */
  writeFile(path: string, data: Uint8Array, mode: number): Promise<void>;
  /** The names in a directory on the client's side; fails as Go's os.ReadDir does. */
  readDir(path: string): Promise<string[]>;
  /**
   * The entries of a directory on the client's side, each as lstat sees it (a symbolic link is
   * itself, not what it points to), in no particular order; fails as readDir does. One call a
   * directory: docker build walks its context with it, skipping what .dockerignore excludes.
   */
  lstatDir(path: string): Promise<ClientDirEntry[]>;
  /**
   * The largest file readFile can return, when there is such a limit: the guest shim answers
   * with at most 8 MiB, so a build context with a bigger file is refused before it is sent.
   */
  readonly readLimit?: number;
  /** Removes a file or a directory and all it holds (a context); nothing there is no error. */
  removeAll(path: string): Promise<void>;
  /** SIGINT, SIGTERM, ... received by the client process (numbers, as Linux has them). */
  onSignal(listener: (signal: number) => void): Disposable;
}
