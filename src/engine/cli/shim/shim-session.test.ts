import { describe, expect, it } from "vitest";
import { bytePipe } from "../../../shared/byte-pipe";
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
  shim.onData((bytes) => frames.push(...reader.push(bytes).map((f) => ({ type: String.fromCharCode(f.type), payload: f.payload }))));
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
});
