// A socket in the guest that the engine answers: the agent listens at /run/drydock/cli.sock and
// the guest's `docker` shim talks to a fake CLI host here, frame by frame (real VM).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ByteStream } from "../../src/shared/byte-stream";
import {
  decodeShimStart,
  encodeShimFrame,
  exitStatusPayload,
  flagPayload,
  ShimFrame,
  ShimFrameReader,
  type ShimStart,
} from "../../src/engine/cli/shim/shim-frames";
import type { Machine } from "../../src/engine/machine/machine";
import { startMachine } from "../../src/node/start-machine";

const SOCKET = "/run/drydock/cli.sock";
const NO_DAEMON = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?";

let machine: Machine;

beforeAll(async () => {
  machine = await startMachine({ idle: false });
});
afterAll(() => machine?.stop());

interface Session {
  start: ShimStart;
  stdin: string[];
  send(type: number, payload?: Uint8Array): void;
  exit(status: number): void;
}

/** A stand-in for the engine's CLI: hands each session's frames after the start to `onFrame`. */
function fakeCliHost(sessions: Session[], onStart: (s: Session) => void, onFrame: (s: Session, type: number, payload: Uint8Array) => void = () => {}) {
  return (connection: ByteStream) => {
    const reader = new ShimFrameReader();
    let session: Session | undefined;
    const send = (type: number, payload?: Uint8Array) => void connection.write(encodeShimFrame(type, payload));
    connection.onData((bytes) => {
      for (const { type, payload } of reader.push(bytes)) {
        if (!session) {
          expect(type).toBe(ShimFrame.Start);
          session = { start: decodeShimStart(payload), stdin: [], send, exit: (status) => (send(ShimFrame.Exit, exitStatusPayload(status)), connection.end()) };
          sessions.push(session);
          onStart(session);
          continue;
        }
        if (type === ShimFrame.Stdin) session.stdin.push(new TextDecoder().decode(payload));
        onFrame(session, type, payload);
      }
    });
    connection.onEnd(() => connection.end());
  };
}

const text = (value: string) => new TextEncoder().encode(value);

describe("a guest socket the engine answers (the docker shim's)", () => {
  it("carries argv, cwd, the terminal's facts, output and the exit status", async () => {
    const sessions: Session[] = [];
    const listener = await machine.agent.listen(
      "cli",
      SOCKET,
      fakeCliHost(sessions, (s) => {
        s.send(ShimFrame.Stdout, text("hello\n"));
        s.send(ShimFrame.Stderr, text("warn\n"));
        s.exit(3);
      }),
    );
    try {
      const result = await machine.run(`docker a "b c"; echo "status $?"`);
      expect(result.output).toBe("hello\nwarn\nstatus 3\n");
      // run() gives the command /dev/null as stdin; its output is the console, a terminal.
      expect(sessions[0]?.start).toMatchObject({ args: ["a", "b c"], cwd: "/root", stdinTty: false, stdoutTty: true, stderrTty: true });
    } finally {
      listener.dispose();
    }
  });

  it("forwards stdin only once asked, then its end", async () => {
    const sessions: Session[] = [];
    const listener = await machine.agent.listen(
      "cli",
      SOCKET,
      fakeCliHost(
        sessions,
        (s) => s.send(ShimFrame.StdinWanted, flagPayload(true)),
        (s, type, payload) => {
          if (type !== ShimFrame.Stdin) return;
          if (payload.length > 0) s.send(ShimFrame.Stdout, payload);
          else s.exit(0);
        },
      ),
    );
    try {
      expect(await machine.run(`echo piped | docker cat; echo "status $?"`)).toMatchObject({ output: "piped\nstatus 0\n" });
      expect(sessions[0]?.stdin).toEqual(["piped\n", ""]);
    } finally {
      listener.dispose();
    }
  });

  it("leaves stdin to whoever reads next when the command never asks for it", async () => {
    const listener = await machine.agent.listen("cli", SOCKET, fakeCliHost([], (s) => s.exit(0)));
    try {
      expect(await machine.run("printf 'typed ahead\\n' | (docker ps; cat)")).toMatchObject({ output: "typed ahead\n" });
    } finally {
      listener.dispose();
    }
  });

  it("passes the environment (DOCKER_HOST, and the values -e NAME takes)", async () => {
    const sessions: Session[] = [];
    const listener = await machine.agent.listen("cli", SOCKET, fakeCliHost(sessions, (s) => s.exit(0)));
    try {
      await machine.run("DOCKER_HOST=tcp://127.0.0.1:2375 OTHER=x docker version");
      expect(sessions[0]?.start.env).toMatchObject({ DOCKER_HOST: "tcp://127.0.0.1:2375", OTHER: "x", HOME: "/root", TERM: "xterm-256color" });
    } finally {
      listener.dispose();
    }
  });

  it("says the daemon is not there once the listener is gone, or when nobody answers", async () => {
    const listener = await machine.agent.listen("cli", SOCKET, fakeCliHost([], (s) => s.exit(0)));
    listener.dispose();
    expect(await machine.run(`docker ps; echo "status $?"`)).toMatchObject({ output: `${NO_DAEMON}\nstatus 1\n` });
    // A socket the agent holds with no handler in the engine: the connection ends at once.
    await machine.agent.request({ op: "listen", name: "orphan", path: SOCKET });
    try {
      expect(await machine.run(`docker ps; echo "status $?"`)).toMatchObject({ output: `${NO_DAEMON}\nstatus 1\n` });
    } finally {
      await machine.agent.request({ op: "unlisten", name: "orphan" });
    }
  });

  it("listens again after the agent restarts", async () => {
    const sessions: Session[] = [];
    const listener = await machine.agent.listen("cli", SOCKET, fakeCliHost(sessions, (s) => (s.send(ShimFrame.Stdout, text("back\n")), s.exit(0))));
    try {
      const restarted = new Promise<void>((resolve) => machine.agent.restarted.on(resolve));
      await machine.run("kill -9 $(pidof agent)");
      await restarted;
      // Asked after the listen the channel re-sent on the hello: the agent answers in order.
      await machine.agent.syncClock();
      expect(await machine.run(`docker ps; echo "status $?"`)).toMatchObject({ output: "back\nstatus 0\n" });
    } finally {
      listener.dispose();
    }
  });
});
