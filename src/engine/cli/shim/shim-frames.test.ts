import { describe, expect, it } from "vitest";
import { encodeRecord } from "../../machine/agent-record";
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
  writeFilePayload,
} from "./shim-frames";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("shim frames", () => {
  it("are the protocol's characters", () => {
    expect(String.fromCharCode(...Object.values(ShimFrame))).toBe("SIWKOERNXFLTPUD");
  });

  it("encode as type, u32 LE length, payload", () => {
    expect([...encodeShimFrame(ShimFrame.Stdout, bytes("hi"))]).toEqual([0x4f, 2, 0, 0, 0, 0x68, 0x69]);
    expect([...encodeShimFrame(ShimFrame.Stdin)]).toEqual([0x49, 0, 0, 0, 0]);
    expect([...encodeShimFrame(ShimFrame.Exit, exitStatusPayload(258))]).toEqual([0x58, 4, 0, 0, 0, 2, 1, 0, 0]);
    expect([...flagPayload(true), ...flagPayload(false)]).toEqual([1, 0]);
  });

  it("carry a file to write as mode, path, NUL, bytes, and a directory's names each ended by a NUL", () => {
    expect([...writeFilePayload("a/b", bytes("{}"), 0o644)]).toEqual([0xa4, 1, 0, 0, 0x61, 0x2f, 0x62, 0, 0x7b, 0x7d]);
    expect(decodeNames(bytes("meta\0tls\0"))).toEqual(["meta", "tls"]);
    expect(decodeNames(new Uint8Array(0))).toEqual([]);
  });

  it("carry a directory's entries as lstat sees them: type, mode, size, mtime, name, link target", () => {
    const answer = new Uint8Array([
      ...dirEntry("f", 0o4755, 2 ** 33 + 5, 1_700_000_000, "big.bin", ""),
      ...dirEntry("d", 0o755, 4096, -1, "node_modules", ""),
      ...dirEntry("l", 0o777, 11, 0, "link", "../target"),
      ...dirEntry("p", 0o644, 0, 1, "fifo", ""),
      ...dirEntry("?", 0o600, 0, 1, "door", ""),
    ]);
    expect(decodeDirEntries(answer)).toEqual([
      { name: "big.bin", type: "file", mode: 0o4755, size: 2 ** 33 + 5, mtime: 1_700_000_000 },
      { name: "node_modules", type: "directory", mode: 0o755, size: 4096, mtime: -1 },
      { name: "link", type: "symlink", mode: 0o777, size: 11, mtime: 0, linkTarget: "../target" },
      { name: "fifo", type: "fifo", mode: 0o644, size: 0, mtime: 1 },
      { name: "door", type: "other", mode: 0o600, size: 0, mtime: 1 },
    ]);
    expect(decodeDirEntries(new Uint8Array(0))).toEqual([]);
    expect(() => decodeDirEntries(answer.subarray(0, answer.length - 1))).toThrow(/cut short/);
    expect(() => decodeDirEntries(answer.subarray(0, 10))).toThrow(/cut short/);
  });

  it("are read back however the bytes were split or joined", () => {
    const stream = new Uint8Array([
      ...encodeShimFrame(ShimFrame.Stdin, bytes("one")),
      ...encodeShimFrame(ShimFrame.Stdin),
      ...encodeShimFrame(ShimFrame.Signal, Uint8Array.of(2)),
      ...encodeShimFrame(ShimFrame.Resize, Uint8Array.of(40, 0, 0x2c, 1)),
    ]);
    const expected = [
      { type: ShimFrame.Stdin, payload: bytes("one") },
      { type: ShimFrame.Stdin, payload: new Uint8Array(0) },
      { type: ShimFrame.Signal, payload: Uint8Array.of(2) },
      { type: ShimFrame.Resize, payload: Uint8Array.of(40, 0, 0x2c, 1) },
    ];
    for (const size of [1, 2, 3, 7, stream.length]) {
      const reader = new ShimFrameReader();
      const frames = [];
      for (let i = 0; i < stream.length; i += size) frames.push(...reader.push(stream.subarray(i, i + size)));
      expect(frames).toEqual(expected);
    }
    expect(decodeResize(expected[3]!.payload)).toEqual({ rows: 40, cols: 300 });
  });

  it("refuse a length no shim sends", () => {
    expect(() => new ShimFrameReader().push(Uint8Array.of(0x49, 0xff, 0xff, 0xff, 0xff))).toThrow(/4294967295 bytes/);
  });

  it("decode the start record: argv, cwd, the environment, the terminals", () => {
    const payload = encodeRecord({
      arg: ["run", "-it", "a b"],
      cwd: "/root",
      env: ["DOCKER_HOST=unix:///x=y", "HOME=/root"],
      stdinTty: "1",
      stdoutTty: "1",
      stderrTty: "0",
      rows: 24,
      cols: 80,
    });
    expect(decodeShimStart(payload)).toEqual({
      args: ["run", "-it", "a b"],
      cwd: "/root",
      env: { DOCKER_HOST: "unix:///x=y", HOME: "/root" },
      stdinTty: true,
      stdoutTty: true,
      stderrTty: false,
      rows: 24,
      cols: 80,
    });
    expect(decodeShimStart(encodeRecord({ cwd: "/" }))).toMatchObject({ args: [], env: {}, stdinTty: false, rows: 0, cols: 0 });
  });
});

/** One entry of a 'T' answer, laid out as guest/shim/docker.c writes it. */
function dirEntry(type: string, mode: number, size: number, mtime: number, name: string, target: string): Uint8Array {
  const fixed = new Uint8Array(21);
  const view = new DataView(fixed.buffer);
  fixed[0] = type.charCodeAt(0);
  view.setUint32(1, mode, true);
  view.setBigUint64(5, BigInt(size), true);
  view.setBigInt64(13, BigInt(mtime), true);
  return new Uint8Array([...fixed, ...bytes(name), 0, ...bytes(target), 0]);
}
