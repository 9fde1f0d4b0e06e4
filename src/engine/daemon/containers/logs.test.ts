import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeEngine, type FakeEngine } from "../../../../tests/support/fake-engine";
import { bytePipe } from "../../../shared/byte-pipe";
import type { FakeProgram } from "../../runtime/fake-runtime";
import type { LogsOptions } from "./logs";

const T0 = Date.UTC(2026, 0, 2, 12);

/** Prints a line a second (its stream named in it), then waits for stdin to close. */
const talker: FakeProgram = async (p) => {
  for (const [stream, line] of [["stdout", "one"], ["stderr", "two"], ["stdout", "three"]] as const) {
    await p[stream](`${stream}:${line}\n`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  for await (const bytes of p.stdin()) await p.stdout(bytes);
};

/** The frames of a multiplexed stream as "stream:text" (or the raw text of a tty's). */
function lines(chunks: Uint8Array[], tty = false): string[] {
  const decoder = new TextDecoder();
  if (tty) return chunks.map((c) => decoder.decode(c));
  return chunks.map((frame) => `${frame[0] === 1 ? "1" : "2"}>${decoder.decode(frame.subarray(8))}`);
}

async function read(engine: FakeEngine, options: Partial<LogsOptions> = {}): Promise<Uint8Array[]> {
  const { stream } = await engine.daemon.containers.logs("talk", { stdout: true, stderr: true, follow: false, tail: "all", since: 0, until: 0, timestamps: false, signal: new AbortController().signal, ...options });
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** A container that has printed its three lines (at T0, T0+1 s, T0+2 s) and still runs. */
async function talking(tty = false): Promise<FakeEngine> {
  const engine = await fakeEngine({ programs: { talk: talker } });
  await engine.pull("busybox");
  await engine.daemon.containers.create({ Image: "busybox", Cmd: ["talk"], OpenStdin: true, Tty: tty }, "talk");
  vi.useFakeTimers({ now: T0 });
  await engine.daemon.containers.start("talk");
  await vi.advanceTimersByTimeAsync(3000);
  return engine;
}

afterEach(() => vi.useRealTimers());

describe("docker logs", () => {
  it("gives every line, framed by stream, or only the streams asked for", async () => {
    const engine = await talking();
    expect(lines(await read(engine))).toEqual(["1>stdout:one\n", "2>stderr:two\n", "1>stdout:three\n"]);
    expect(lines(await read(engine, { stderr: false }))).toEqual(["1>stdout:one\n", "1>stdout:three\n"]);
  });

  it("takes the last lines for --tail (none for 0, all for all or a word)", async () => {
    const engine = await talking();
    expect(lines(await read(engine, { tail: "2" }))).toEqual(["2>stderr:two\n", "1>stdout:three\n"]);
    expect(await read(engine, { tail: "0" })).toEqual([]);
    expect(await read(engine, { tail: "all" })).toHaveLength(3);
    expect(await read(engine, { tail: "many" })).toHaveLength(3);
  });

  it("bounds the lines by --since and --until (Unix seconds, inclusive)", async () => {
    const engine = await talking();
    expect(lines(await read(engine, { since: T0 / 1000 + 1 }))).toEqual(["2>stderr:two\n", "1>stdout:three\n"]);
    expect(lines(await read(engine, { until: T0 / 1000 + 1 }))).toEqual(["1>stdout:one\n", "2>stderr:two\n"]);
  });

  it("prefixes RFC 3339 times with nanoseconds for --timestamps, raw with a tty", async () => {
    const engine = await talking(true);
    expect(lines(await read(engine, { timestamps: true, tail: "1" }), true)).toEqual(["2026-01-02T12:00:02.000000000Z stdout:three\n"]);
  });

  it("follows: what was printed, then each new line, until the container exits (its stdin closed by an attached client)", async () => {
    const engine = await talking();
    const { stream } = await engine.daemon.containers.logs("talk", { stdout: true, stderr: true, follow: true, tail: "1", since: 0, until: 0, timestamps: false, signal: new AbortController().signal });
    const chunks: Uint8Array[] = [];
    const done = (async () => {
      for await (const chunk of stream) chunks.push(chunk);
    })();
    await vi.advanceTimersByTimeAsync(0);
    const attached = await engine.daemon.containers.attach("talk", { stdin: true, stdout: false, stderr: false, logs: false, detachKeys: [] });
    const [client, server] = bytePipe();
    void attached.serve(server, new TextEncoder().encode("late\n"));
    await vi.advanceTimersByTimeAsync(0);
    client.end();
    await done;
    expect(lines(chunks)).toEqual(["1>stdout:three\n", "1>late\n"]);
  });

  it("stops following when the client goes", async () => {
    const engine = await talking();
    const client = new AbortController();
    const following = read(engine, { follow: true, signal: client.signal });
    await vi.advanceTimersByTimeAsync(0);
    client.abort();
    expect(await following).toHaveLength(3);
    expect((await engine.daemon.containers.inspect("talk")).state.Running).toBe(true);
  });
});
