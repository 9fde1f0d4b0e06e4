import { describe, expect, it, vi } from "vitest";
import { agentFrame } from "../../../tests/support/agent-guest";
import type { ByteStream } from "../../shared/byte-stream";
import { AgentChannel, FrameType, StartRefused, type StreamSink } from "./agent-channel";
import { AgentRecord, encodeRecord } from "./agent-record";
import type { AgentPort } from "./emulator";

/** A port whose guest side is this test: it sees what the engine sent, and speaks frames. */
function fakePort() {
  let listener: (bytes: Uint8Array) => void = () => {};
  const sent: Uint8Array[] = [];
  const port: AgentPort & { room: number } = {
    room: 4096,
    onData: (l) => ((listener = l), { dispose: () => (listener = () => {}) }),
    capacity: () => port.room,
    send: (bytes) => void sent.push(bytes.slice()),
  };
  const frame = agentFrame;
  /** The frames the engine sent so far, reassembled from the port's chunks. */
  const frames = () => {
    const all = new Uint8Array(sent.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const chunk of sent) {
      all.set(chunk, offset);
      offset += chunk.length;
    }
    const out: { type: number; id: number; payload: Uint8Array }[] = [];
    const view = new DataView(all.buffer);
    for (let pos = 0; pos + 12 <= all.length; ) {
      const length = view.getUint32(pos + 8, true);
      out.push({ type: all[pos + 2]!, id: view.getUint32(pos + 4, true), payload: all.slice(pos + 12, pos + 12 + length) });
      pos += 12 + length;
    }
    return out;
  };
  const deliver = (bytes: Uint8Array) => listener(bytes);
  /** Answers the engine's last hello request as the agent with process ID `pid` would. */
  const answerHello = (pid: number) => {
    const hello = frames().filter((f) => f.type === FrameType.Request && AgentRecord.decode(f.payload).get("op") === "hello").at(-1)!;
    deliver(frame(FrameType.Reply, 0, hello.id, encodeRecord({ ok: 1, protocol: "1", pid })));
  };
  return { port, sent, frame, frames, deliver, answerHello };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function sink(): StreamSink & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    data: (channel, bytes) => void log.push(`data ${channel} ${new TextDecoder().decode(bytes)}`),
    credit: (bytes) => void log.push(`credit ${bytes}`),
    exit: (exit) => void log.push(`exit ${exit.code}`),
    lost: (error) => void log.push(`lost ${error.message}`),
  };
}

describe("AgentChannel", () => {
  it("answers requests from replies that arrive in pieces, after garbage", async () => {
    const guest = fakePort();
    const channel = new AgentChannel(guest.port);
    const answer = channel.request({ op: "run", stream: 1, arg: ["a", "b"] });
    const [request] = guest.frames();
    expect(request?.type).toBe(FrameType.Request);
    const fields = AgentRecord.decode(request!.payload);
    expect([fields.get("op"), fields.all("arg")]).toEqual(["run", ["a", "b"]]);
    const reply = guest.frame(FrameType.Reply, 0, request!.id, encodeRecord({ ok: 1, pid: 12 }));
    const bytes = new Uint8Array([0x42, 0xcc, ...reply]);
    for (let i = 0; i < bytes.length; i += 5) guest.deliver(bytes.subarray(i, i + 5));
    expect(await answer).toEqual({ pid: 12 });
  });

  it("turns the agent's errors into error kinds, and a refused start into StartRefused", async () => {
    const guest = fakePort();
    const channel = new AgentChannel(guest.port);
    const refused = channel.request({ op: "start", id: "c", stream: 1, arg: ["x"], network: "none" });
    const conflict = channel.request({ op: "exec", id: "c", stream: 2, arg: ["sh"] });
    const [start, exec] = guest.frames();
    guest.deliver(guest.frame(FrameType.Reply, 0, start!.id, encodeRecord({ error: 'exec: "x": executable file not found in $PATH', kind: "StartFailed", exitCode: 127 })));
    guest.deliver(guest.frame(FrameType.Reply, 0, exec!.id, encodeRecord({ error: "container c is not running", kind: "Conflict" })));
    await expect(refused).rejects.toBeInstanceOf(StartRefused);
    await expect(refused).rejects.toMatchObject({ kind: "InvalidParameter", exitCode: 127 });
    await expect(conflict).rejects.toMatchObject({ kind: "Conflict", message: "container c is not running" });
  });

  it("waits for the guest's receive buffers and never sends more than one holds", () => {
    vi.useFakeTimers();
    try {
      const guest = fakePort();
      guest.port.room = 0;
      const channel = new AgentChannel(guest.port);
      const stream = channel.openStream(sink());
      channel.sendData(stream.id, new Uint8Array(10_000));
      expect(guest.sent).toEqual([]);
      guest.port.room = 4096;
      vi.advanceTimersByTime(2);
      expect(guest.sent.map((c) => c.length)).toEqual([4096, 4096, 1820]);
      expect(guest.frames()[0]).toMatchObject({ type: FrameType.Data, id: stream.id });
    } finally {
      vi.useRealTimers();
    }
  });

  it("routes stream frames, and tells every stream when a new agent says hello", async () => {
    const guest = fakePort();
    const channel = new AgentChannel(guest.port);
    const one = sink();
    const two = sink();
    const a = channel.openStream(one);
    channel.openStream(two);
    let restarts = 0;
    channel.restarted.on(() => restarts++);
    guest.deliver(guest.frame(FrameType.Data, 1, a.id, new TextEncoder().encode("out")));
    guest.deliver(guest.frame(FrameType.Credit, 0, a.id, new Uint8Array([0, 0, 1, 0])));
    guest.deliver(guest.frame(FrameType.Exit, 0, a.id, encodeRecord({ code: 3 })));
    guest.deliver(guest.frame(FrameType.Data, 1, a.id, new TextEncoder().encode("late")));
    guest.deliver(guest.frame(FrameType.Hello, 0, 0, encodeRecord({ protocol: "1" })));
    guest.answerHello(7);
    await flush();
    expect(one.log).toEqual(["data 1 out", "credit 65536", "exit 3"]);
    expect(two.log).toEqual(["lost the guest's agent restarted"]);
    expect(restarts).toBe(1);
  });

  it("ignores a hello from an agent that still answers with its old process ID (a forged one)", async () => {
    const warnings: string[] = [];
    const guest = fakePort();
    const channel = new AgentChannel(guest.port, undefined, (message) => warnings.push(message));
    const synced = channel.syncClock();
    guest.answerHello(42);
    await synced;
    const process = sink();
    channel.openStream(process);
    let restarts = 0;
    channel.restarted.on(() => restarts++);
    guest.deliver(guest.frame(FrameType.Hello, 0, 0, encodeRecord({ protocol: "1" })));
    guest.answerHello(42);
    await flush();
    expect([process.log, restarts]).toEqual([[], 0]);
    expect(warnings).toEqual([expect.stringContaining("refused a hello from stream 0 while agent 42 still runs")]);
  });

  it("refuses frames that make no sense, and still answers after any bytes", async () => {
    const warnings: string[] = [];
    const guest = fakePort();
    const channel = new AgentChannel(guest.port, undefined, (message) => warnings.push(message));
    const process = sink();
    const stream = channel.openStream(process);
    const answer = channel.request({ op: "top", id: "c" });
    const [top] = guest.frames();
    // A reply whose record is cut short, a reply nobody waits for, a connection on an engine's stream, an unknown type.
    guest.deliver(guest.frame(FrameType.Reply, 0, top!.id, new Uint8Array([2, 0x6f, 0x70, 0xff, 0xff, 0xff, 0xff])));
    guest.deliver(guest.frame(FrameType.Reply, 0, 999, encodeRecord({ ok: 1 })));
    guest.deliver(guest.frame(FrameType.Accept, 0, stream.id, encodeRecord({ listener: "api" })));
    guest.deliver(guest.frame(99, 0, 0, new Uint8Array(0)));
    guest.deliver(guest.frame(FrameType.Exit, 0, stream.id, new Uint8Array([9, 1])));
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (let i = 0; i < 200; i++) {
      const garbage = new Uint8Array(1 + (random() % 64)).map(() => random());
      // Now and then a header of the right shape, with what follows of any length and content.
      if (i % 10 === 0) garbage.set([0xcc, 0xd0, random() % 9, 0, random(), 0, 0, 0, random() % 40, 0, 0, 0].slice(0, garbage.length));
      guest.deliver(garbage);
    }
    guest.deliver(new Uint8Array(256 * 1024 + 12));
    guest.deliver(guest.frame(FrameType.Reply, 0, top!.id, encodeRecord({ ok: 1, proc: "1 0 0 0 0 0\tsh" })));
    expect((await answer).processes.map((p) => p.command)).toEqual(["sh"]);
    expect(process.log).toEqual([]);
    expect(warnings.slice(0, 4)).toEqual([
      expect.stringContaining(`a frame of type 3 on stream ${top!.id}: a truncated record from the agent`),
      expect.stringContaining("a reply to request 999, which is not waiting"),
      expect.stringContaining(`a connection on stream ${stream.id}, which the agent cannot have numbered`),
      expect.stringContaining("a frame of unknown type 99"),
    ]);
  });

  it("gives up on a request the agent does not answer, and on everything when disposed", async () => {
    const guest = fakePort();
    const channel = new AgentChannel(guest.port);
    await expect(channel.request({ op: "top", id: "c" }, 20)).rejects.toThrow('the guest\'s agent did not answer "top" within 0.02 s');
    const pending = channel.request({ op: "stats", id: "c" });
    const stream = sink();
    channel.openStream(stream);
    channel.dispose();
    await expect(pending).rejects.toMatchObject({ kind: "Unavailable", message: "the machine stopped" });
    expect(stream.log).toEqual(["lost the machine stopped"]);
    await expect(channel.request({ op: "hello" })).rejects.toThrow("the machine stopped");
  });
});

describe("AgentChannel.listen", () => {
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  const requests = (guest: ReturnType<typeof fakePort>) =>
    guest.frames().filter((f) => f.type === FrameType.Request).map((f) => ({ id: f.id, record: AgentRecord.decode(f.payload) }));

  /** A channel listening as "cli", with the agent's reply delivered alongside `more` frames. */
  async function listening(more: Uint8Array[] = []) {
    const guest = fakePort();
    const channel = new AgentChannel(guest.port);
    const connections: ByteStreamLog[] = [];
    const listener = channel.listen("cli", "/run/drydock/cli.sock", (connection) => connections.push(logOf(connection)));
    const [request] = requests(guest);
    guest.deliver(new Uint8Array([...guest.frame(FrameType.Reply, 0, request!.id, encodeRecord({ ok: 1 })), ...more.flatMap((f) => [...f])]));
    return { guest, channel, connections, listener: await listener, request: request!.record };
  }

  it("asks the agent to listen, and hands each accepted connection over as a byte stream", async () => {
    const id = 0x80000001;
    const { guest, connections, request } = await listening();
    expect([request.get("op"), request.get("name"), request.get("path")]).toEqual(["listen", "cli", "/run/drydock/cli.sock"]);
    guest.deliver(guest.frame(FrameType.Accept, 0, id, encodeRecord({ listener: "cli" })));
    guest.deliver(guest.frame(FrameType.Credit, 0, id, new Uint8Array([4, 0, 0, 0])));
    guest.deliver(guest.frame(FrameType.Data, 1, id, new TextEncoder().encode("hi")));
    guest.deliver(guest.frame(FrameType.Data, 1, id, new Uint8Array(0)));
    await flush();
    const [connection] = connections;
    expect(connection?.log).toEqual(["data hi", "end"]);

    // Input waits for the agent's credit: 4 bytes now, the rest when it grants more.
    const written = connection!.stream.write(new TextEncoder().encode("abcdef"));
    connection!.stream.end();
    const sent = () => guest.frames().filter((f) => f.id === id).map((f) => `${f.type} ${text(f.payload)}`);
    expect(sent()).toEqual([`${FrameType.Credit} \x02\0\0\0`, `${FrameType.Data} abcd`]);
    guest.deliver(guest.frame(FrameType.Credit, 0, id, new Uint8Array([8, 0, 0, 0])));
    await written;
    expect(sent().slice(2)).toEqual([`${FrameType.Data} ef`, `${FrameType.Data} `]);
    guest.deliver(guest.frame(FrameType.Exit, 0, id, encodeRecord({ code: 0 })));
    await flush();
    expect(connection?.log).toEqual(["data hi", "end"]);
  });

  it("routes a connection accepted before the listen's reply was read", async () => {
    const { guest, connections } = await listening([fakePort().frame(FrameType.Accept, 0, 0x80000000, encodeRecord({ listener: "cli" }))]);
    expect(connections).toHaveLength(1);
    expect(guest.frames().filter((f) => f.id === 0x80000000)).toEqual([]);
  });

  it("ends a connection nobody listens for at once, and tells its end when the agent goes", async () => {
    const { guest, connections, listener } = await listening();
    guest.deliver(guest.frame(FrameType.Accept, 0, 0x80000002, encodeRecord({ listener: "cli" })));
    listener.dispose();
    const unlisten = requests(guest).at(-1)!.record;
    expect([unlisten.get("op"), unlisten.get("name")]).toEqual(["unlisten", "cli"]);
    guest.deliver(guest.frame(FrameType.Accept, 0, 0x80000003, encodeRecord({ listener: "cli" })));
    guest.deliver(guest.frame(FrameType.Accept, 0, 0x80000004, encodeRecord({ listener: "other" })));
    expect(connections).toHaveLength(1);
    const ends = guest.frames().filter((f) => f.type === FrameType.Data);
    expect(ends.map((f) => [f.id, f.payload.length])).toEqual([
      [0x80000003, 0],
      [0x80000004, 0],
    ]);
    guest.deliver(guest.frame(FrameType.Hello, 0, 0, encodeRecord({ protocol: "1" })));
    guest.answerHello(7);
    await flush();
    expect(connections[0]?.log).toEqual(["end"]);
  });

  it("listens again when a new agent says hello", async () => {
    const { guest } = await listening();
    guest.deliver(guest.frame(FrameType.Hello, 0, 0, encodeRecord({ protocol: "1" })));
    guest.answerHello(7);
    await flush();
    const again = requests(guest).at(-1)!.record;
    expect([again.get("op"), again.get("name"), again.get("path")]).toEqual(["listen", "cli", "/run/drydock/cli.sock"]);
  });

  it("forgets the handler when the agent cannot listen", async () => {
    const guest = fakePort();
    const channel = new AgentChannel(guest.port);
    const listener = channel.listen("cli", "relative", () => expect.unreachable());
    const [request] = requests(guest);
    guest.deliver(guest.frame(FrameType.Reply, 0, request!.id, encodeRecord({ error: "listen needs a name and an absolute socket path", kind: "InvalidParameter" })));
    await expect(listener).rejects.toMatchObject({ kind: "InvalidParameter" });
    guest.deliver(guest.frame(FrameType.Accept, 0, 0x80000000, encodeRecord({ listener: "cli" })));
    expect(guest.frames().at(-1)).toMatchObject({ type: FrameType.Data, id: 0x80000000 });
  });
});

interface ByteStreamLog {
  stream: ByteStream;
  log: string[];
}

function logOf(stream: ByteStream): ByteStreamLog {
  const log: string[] = [];
  stream.onData((bytes) => void log.push(`data ${new TextDecoder().decode(bytes)}`));
  stream.onEnd(() => void log.push("end"));
  return { stream, log };
}
