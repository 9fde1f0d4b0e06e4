/**
 * The frames between the guest's `docker` shim (guest/shim/docker.c) and the engine's CLI, over
 * the UNIX socket /run/drydock/cli.sock that drydock-agent holds for the engine. A frame is a u8
 * type, a u32 little-endian payload length, then the payload.
 *
 * shim -> engine
 *   'S' start, the first frame: an agent record (machine/agent-record.ts) with "arg" once per
 *       argv[1..], "cwd", "env" once per NAME=value (the whole environment: DOCKER_HOST, and
 *       the values `-e NAME` and env files take from the client),
 *       "stdinTty", "stdoutTty", "stderrTty" ("1" or "0"), and "rows", "cols": the size of the
 *       first terminal among stdout, stdin, stderr (0 when none is one)
 *   'I' stdin bytes, read only while the engine wants them ('N' 1), so a command that never
 *       reads stdin leaves what the learner typed ahead to the shell; empty: stdin ended (once)
 *   'W' the terminal's new size, on SIGWINCH when one is involved: u16 LE rows, u16 LE cols
 *   'K' u8: a signal the shim caught instead of dying (SIGHUP, SIGINT, SIGQUIT, SIGTERM); the
 *       engine decides what it means
 * engine -> shim
 *   'O' bytes for stdout, 'E' bytes for stderr
 *   'R' u8: 1 puts stdin's terminal in raw mode (as docker does for -it), 0 restores it
 *   'N' u8: 1 starts forwarding stdin, 0 stops
 *   'X' u32 LE: the exit status; the shim restores the terminal and exits with it
 *   The client's files, each path relative to the shim's cwd (the CLI's config.json and
 *   contexts live on the shell's side, as they do on docker's client machine):
 *   'F' a path: the shim reads that file (--env-file, config.json, a context's meta.json)
 *   'L' a path: the shim lists that directory (the contexts)
 *   'T' a path: the shim lists that directory with what lstat says of each entry (a build
 *       context's walk), in readdir's order, an entry gone before its lstat left out
 *   'P' u32 LE mode, a path, a NUL, the bytes: the shim writes them to that file with that
 *       mode, making its directories (0755), through a temporary file renamed over it
 *   'U' a path: the shim removes it and all it holds, as rm -rf (a context's directories)
 * shim -> engine, answering 'F', 'L', 'T', 'P' and 'U' one by one, in the order they came
 *   'D' u8 0 and the answer (the file's bytes, at most 8 MiB; the names, each ended by a NUL;
 *       for 'T', each entry as u8 type ('f' file, 'd' directory, 'l' symbolic link, 'p' FIFO,
 *       's' socket, 'c' and 'b' devices, '?' other), u32 LE mode bits (st_mode & 07777), u64 LE
 *       size, i64 LE mtime in seconds, the name and the link's target (empty but for a link),
 *       each ended by a NUL, at most 8 MiB in all; nothing), or u8 1 and why not (strerror's
 *       words: "File too large" for a file or listing over 8 MiB)
 * When the socket ends without an 'X', the shim restores the terminal, says
 * "error during connect: unexpected EOF" (or that it cannot connect to the daemon, when nothing
 * came at all, as when nobody answers) and exits 1.
 */
import { concatBytes } from "../../../shared/bytes";
import { DrydockError } from "../../../shared/errors";
import { AgentRecord } from "../../machine/agent-record";
import type { ClientDirEntry } from "../io";

export const ShimFrame = {
  Start: 0x53, // 'S'
  Stdin: 0x49, // 'I'
  Resize: 0x57, // 'W'
  Signal: 0x4b, // 'K'
  Stdout: 0x4f, // 'O'
  Stderr: 0x45, // 'E'
  Raw: 0x52, // 'R'
  StdinWanted: 0x4e, // 'N'
  Exit: 0x58, // 'X'
  ReadFile: 0x46, // 'F'
  ListDir: 0x4c, // 'L'
  StatDir: 0x54, // 'T'
  WriteFile: 0x50, // 'P'
  RemoveAll: 0x55, // 'U'
  FileData: 0x44, // 'D'
} as const;

export interface ShimStart {
  args: string[];
  cwd: string;
  env: Record<string, string>;
  stdinTty: boolean;
  stdoutTty: boolean;
  stderrTty: boolean;
  rows: number;
  cols: number;
}

/** The most the shim reads of a file for 'F' (its FILE_MAX). */
export const SHIM_FILE_MAX = 8 * 1024 * 1024;

const HEADER = 5;
/** More than any start or stdin chunk the shim sends: a length beyond it is a broken stream. */
const MAX_PAYLOAD = 16 * 1024 * 1024;

/** Cuts the shim's byte stream into frames, however the bytes were split or joined on the way. */
export class ShimFrameReader {
  private pending = new Uint8Array(0);

  push(bytes: Uint8Array): { type: number; payload: Uint8Array }[] {
    const data = this.pending.length === 0 ? bytes : concatBytes([this.pending, bytes]);
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const frames: { type: number; payload: Uint8Array }[] = [];
    let pos = 0;
    while (data.length - pos >= HEADER) {
      const length = view.getUint32(pos + 1, true);
      if (length > MAX_PAYLOAD) throw new DrydockError("InvalidParameter", `a frame from the docker shim says it holds ${length} bytes`);
      if (data.length - pos < HEADER + length) break;
      frames.push({ type: data[pos]!, payload: data.slice(pos + HEADER, pos + HEADER + length) });
      pos += HEADER + length;
    }
    this.pending = data.slice(pos);
    return frames;
  }
}

export function encodeShimFrame(type: number, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const frame = new Uint8Array(HEADER + payload.length);
  frame[0] = type;
  new DataView(frame.buffer).setUint32(1, payload.length, true);
  frame.set(payload, HEADER);
  return frame;
}

/** 'X''s payload. */
export function exitStatusPayload(status: number): Uint8Array {
  const payload = new Uint8Array(4);
  new DataView(payload.buffer).setUint32(0, status >>> 0, true);
  return payload;
}

/** 'R''s and 'N''s payload. */
export function flagPayload(on: boolean): Uint8Array {
  return Uint8Array.of(on ? 1 : 0);
}

/** 'P''s payload. */
export function writeFilePayload(path: string, data: Uint8Array, mode: number): Uint8Array {
  const name = new TextEncoder().encode(path);
  const payload = new Uint8Array(4 + name.length + 1 + data.length);
  new DataView(payload.buffer).setUint32(0, mode, true);
  payload.set(name, 4);
  payload.set(data, 4 + name.length + 1);
  return payload;
}

/** The names in 'D''s answer to 'L'. */
export function decodeNames(answer: Uint8Array): string[] {
  const names = new TextDecoder().decode(answer).split("\0");
  names.pop();
  return names;
}

const ENTRY_TYPES: Record<string, ClientDirEntry["type"]> = { f: "file", d: "directory", l: "symlink", p: "fifo", s: "socket", c: "char", b: "block" };

/** The entries in 'D''s answer to 'T'. */
export function decodeDirEntries(answer: Uint8Array): ClientDirEntry[] {
  const view = new DataView(answer.buffer, answer.byteOffset, answer.byteLength);
  const decoder = new TextDecoder();
  const entries: ClientDirEntry[] = [];
  const text = (from: number): [string, number] => {
    const end = answer.indexOf(0, from);
    if (end < 0) throw new DrydockError("Internal", "the docker shim's directory listing is cut short");
    return [decoder.decode(answer.subarray(from, end)), end + 1];
  };
  for (let pos = 0; pos < answer.length; ) {
    if (answer.length - pos < 21) throw new DrydockError("Internal", "the docker shim's directory listing is cut short");
    const type = ENTRY_TYPES[String.fromCharCode(answer[pos]!)] ?? "other";
    const mode = view.getUint32(pos + 1, true);
    const size = Number(view.getBigUint64(pos + 5, true));
    const mtime = Number(view.getBigInt64(pos + 13, true));
    const [name, afterName] = text(pos + 21);
    const [linkTarget, next] = text(afterName);
    entries.push({ name, type, mode, size, mtime, ...(type === "symlink" ? { linkTarget } : {}) });
    pos = next;
  }
  return entries;
}

/** 'W''s payload. */
export function decodeResize(payload: Uint8Array): { rows: number; cols: number } {
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  return { rows: view.getUint16(0, true), cols: view.getUint16(2, true) };
}

export function decodeShimStart(payload: Uint8Array): ShimStart {
  const record = AgentRecord.decode(payload);
  const env: Record<string, string> = {};
  for (const entry of record.all("env")) {
    const at = entry.indexOf("=");
    if (at > 0) env[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return {
    args: record.all("arg"),
    cwd: record.get("cwd") ?? "",
    env,
    stdinTty: record.get("stdinTty") === "1",
    stdoutTty: record.get("stdoutTty") === "1",
    stderrTty: record.get("stderrTty") === "1",
    rows: record.number("rows") ?? 0,
    cols: record.number("cols") ?? 0,
  };
}
