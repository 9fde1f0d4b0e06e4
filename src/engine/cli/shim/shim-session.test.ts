import { describe, expect, it } from "vitest";
import { bytePipe } from "../../../shared/byte-pipe";
import type { DrydockError } from "../../../shared/errors";
import { encodeRecord } from "../../machine/agent-record";
import type { CliIo } from "../io";
import { encodeShimFrame, ShimFrame, ShimFrameReader } from "./shim-frames";
import { serveShimSession, type CliRunner } from "./shim-session";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The shim's side of a session: sends the start, collects the engine's frames. */
function session(run: CliRunner) {
  const [shim, engine] = bytePipe();
  serveShimSession(engine, run);
  const reader = new ShimFrameReader();
  const frames: { type: string; payload: Uint8Array }[] = [];
  shim.onData((bytes) => {
    frames.push(...reader.push(bytes).map((f) => ({ type: String.fromCharCode(f.type), payload: f.payload })));
  });
  const start = (fields: Record<string, string | string[]>) => shim.write(encodeShimFrame(ShimFrame.Start, encodeRecord(fields)));
  return { shim, frames, start };
}

describe("a docker shim session", () => {
  it("runs the command line with the shim's terminal facts, and sends output then the exit status", async () => {
    let seen: { args: string[]; env: CliIo["env"]; cwd: string; tty: boolean; size: unknown } | undefined;
    const { frames, start } = session(async (args, io) => {
      seen = { args, env: io.env, cwd: io.cwd, tty: io.stdout.isTty, size: io.size() };
      await io.stdout.write("out\n");
      await io.stderr.write(encoder.encode("err\n"));
      return 3;
    });
    await start({ arg: ["ps", "-a"], cwd: "/root", env: ["DOCKER_HOST=unix:///x.sock"], stdinTty: "1", stdoutTty: "1", stderrTty: "1", rows: "24", cols: "80" });
    await tick();
    await tick();
    expect(seen).toEqual({ args: ["ps", "-a"], env: { DOCKER_HOST: "unix:///x.sock" }, cwd: "/root", tty: true, size: { rows: 24, cols: 80 } });
    expect(frames.map((f) => [f.type, f.type === "X" ? new DataView(f.payload.buffer).getUint32(0, true) : decoder.decode(f.payload)])).toEqual([
      ["O", "out\n"],
      ["E", "err\n"],
      ["X", 3],
    ]);
  });

  it("asks for stdin only while the command reads it, and passes resizes and signals on", async () => {
    const got: string[] = [];
    let finish!: (status: number) => void;
    const { shim, frames, start } = session(
      (_args, io) =>
        new Promise<number>((resolve) => {
          finish = resolve;
          io.onResize((size) => got.push(`resize ${size.rows}x${size.cols}`));
          io.onSignal((signal) => got.push(`signal ${signal}`));
          const reading = io.stdin.read(
            (bytes) => got.push(`stdin ${decoder.decode(bytes)}`),
            () => {
              got.push("eof");
              reading.dispose();
            },
          );
        }),
    );
    await start({ arg: ["run", "-i", "busybox", "cat"], stdinTty: "0", stdoutTty: "0", stderrTty: "0", rows: "0", cols: "0" });
    await tick();
    const resize = new Uint8Array(4);
    new DataView(resize.buffer).setUint16(0, 40, true);
    new DataView(resize.buffer).setUint16(2, 100, true);
    await shim.write(encodeShimFrame(ShimFrame.Stdin, encoder.encode("typed")));
    await shim.write(encodeShimFrame(ShimFrame.Resize, resize));
    await shim.write(encodeShimFrame(ShimFrame.Signal, Uint8Array.of(2)));
    await shim.write(encodeShimFrame(ShimFrame.Stdin));
    await tick();
    finish(0);
    await tick();
    await tick();
    expect(got).toEqual(["stdin typed", "resize 40x100", "signal 2", "eof"]);
    expect(frames.map((f) => f.type)).toEqual(["N", "X"]);
    expect(frames[0]!.payload[0]).toBe(1);
  });

  it("asks the shim for the client's files, one answer per request in order, failures in Go's words", async () => {
    const { shim, frames, start } = session(async (_args, io) => {
      const results = await Promise.allSettled([
        io.readFile("config.json").then((bytes) => decoder.decode(bytes)),
        io.readDir("contexts/meta"),
        io.writeFile("/root/.docker/config.json", encoder.encode("{}"), 0o600),
        io.removeAll("contexts/meta/abc"),
        io.readFile("nope.json"),
      ]);
      await io.stdout.write(JSON.stringify(results.map((r) => (r.status === "fulfilled" ? (r.value ?? null) : `${(r.reason as DrydockError).kind}: ${(r.reason as Error).message}`))));
      return 0;
    });
    await start({ arg: ["context", "ls"], cwd: "/root" });
    await tick();
    expect(frames.map((f) => f.type)).toEqual(["F", "L", "P", "U", "F"]);
    const write = frames[2]!.payload;
    expect(new DataView(write.buffer, write.byteOffset).getUint32(0, true)).toBe(0o600);
    expect(decoder.decode(write.subarray(4))).toBe("/root/.docker/config.json\0{}");
    expect(decoder.decode(frames[3]!.payload)).toBe("contexts/meta/abc");
    const answer = (ok: boolean, text: string) => shim.write(encodeShimFrame(ShimFrame.FileData, Uint8Array.of(ok ? 0 : 1, ...encoder.encode(text))));
    await answer(true, '{"currentContext":"t1"}');
    await answer(true, "a\0b\0");
    await answer(true, "");
    await answer(true, "");
    await answer(false, "No such file or directory");
    await tick();
    await tick();
    expect(JSON.parse(decoder.decode(frames[5]!.payload))).toEqual(['{"currentContext":"t1"}', ["a", "b"], null, null, "NotFound: open nope.json: no such file or directory"]);
  });

  it("lists a directory of the client's with each entry's lstat ('T'), and says how much one file read can hold", async () => {
    let listed: unknown;
    const { shim, frames, start } = session(async (_args, io) => {
      listed = await Promise.allSettled([io.lstatDir("app"), io.lstatDir("app/Dockerfile")]);
      await io.stdout.write(String(io.readLimit));
      return 0;
    });
    await start({ arg: ["build", "app"], cwd: "/root" });
    await tick();
    expect(frames.map((f) => [f.type, decoder.decode(f.payload)])).toEqual([
      ["T", "app"],
      ["T", "app/Dockerfile"],
    ]);
    const entry = new Uint8Array(21);
    entry[0] = "f".charCodeAt(0);
    new DataView(entry.buffer).setUint32(1, 0o644, true);
    new DataView(entry.buffer).setBigUint64(5, 12n, true);
    new DataView(entry.buffer).setBigInt64(13, 1_700_000_000n, true);
    await shim.write(encodeShimFrame(ShimFrame.FileData, Uint8Array.of(0, ...entry, ...encoder.encode("Dockerfile\0\0"))));
    await shim.write(encodeShimFrame(ShimFrame.FileData, Uint8Array.of(1, ...encoder.encode("Not a directory"))));
    await tick();
    await tick();
    expect(listed).toEqual([
      { status: "fulfilled", value: [{ name: "Dockerfile", type: "file", mode: 0o644, size: 12, mtime: 1_700_000_000 }] },
      { status: "rejected", reason: expect.objectContaining({ kind: "NotFound", message: "open app/Dockerfile: not a directory" }) },
    ]);
    expect(decoder.decode(frames[2]!.payload)).toBe(String(8 * 1024 * 1024));
  });

  it("tells the command when the shim went away", async () => {
    let lost: AbortSignal | undefined;
    const { shim, start } = session((_args, _io, signal) => {
      lost = signal;
      return new Promise<number>(() => undefined);
    });
    await start({ arg: ["logs", "-f", "x"] });
    await tick();
    shim.end();
    await tick();
    await tick();
    expect(lost?.aborted).toBe(true);
  });

  it("fails a file operation still waiting when the shim goes away, instead of waiting forever", async () => {
    let outcome: string | undefined;
    const { shim, start } = session(async (_args, io) => {
      outcome = await io.readFile("config.json").then(
        () => "read",
        (error: Error) => error.message,
      );
      return 0;
    });
    await start({ arg: ["ps"], cwd: "/root" });
    await tick();
    shim.end();
    await tick();
    await tick();
    expect(outcome).toBe("open config.json: the docker command went away");
  });
});
