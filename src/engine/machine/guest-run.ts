import type { AgentChannel } from "./agent-channel";
import { AgentStream, OUTPUT_WINDOW } from "./agent-stream";

export interface GuestRunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** What a command may print before the rest is dropped: checks read a line or two. */
const OUTPUT_LIMIT = 64 * 1024;

/**
 * A command run by the guest's shell (`sh -c`) on the Docker host itself, outside any container,
 * with its output collected: the engine's way to look at the host as a learner would. `env` is
 * added to the shell's environment.
 */
export async function runInGuest(agent: AgentChannel, command: string, { env = [], timeoutMs = 15_000 }: { env?: string[]; timeoutMs?: number } = {}): Promise<GuestRunResult> {
  const stream = new AgentStream(agent);
  const out = { stdout: "", stderr: "" };
  const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  stream.onOutput((channel, bytes) => {
    const name = channel === 2 ? "stderr" : "stdout";
    if (out[name].length < OUTPUT_LIMIT) out[name] += decoders[name].decode(bytes, { stream: true });
  });
  try {
    await agent.request({ op: "run", stream: stream.id, arg: ["/bin/sh", "-c", command], env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", ...env], cwd: "/root", window: OUTPUT_WINDOW });
  } catch (error) {
    stream.abandon();
    throw error;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void agent.request({ op: "signal", stream: stream.id, signal: 9 }).catch(() => undefined);
      reject(new Error(`\`${command}\` did not finish within ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
  try {
    const exit = await Promise.race([stream.exited(), timeout]);
    return { exitCode: exit.code, ...out };
  } finally {
    clearTimeout(timer);
  }
}
