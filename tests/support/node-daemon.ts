// `drydock daemon` run as a user runs it (a child process with the real VM behind it), and the
// machine's official docker client pointed at its socket.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../src/node/paths";

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export const hasDocker = await new Promise<boolean>((resolve) => execFile("docker", ["--version"], (error) => resolve(!error)));

/** The official docker CLI against the daemon at `socket`. */
export function docker(socket: string, args: string[], stdin?: string): Promise<Result> {
  return new Promise((resolve) => {
    const child = execFile("docker", ["-H", `unix://${socket}`, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    // A command that exits without reading its stdin closes the pipe: that is no failure of the test's.
    child.stdin!.on("error", () => undefined);
    child.stdin!.end(stdin ?? "");
  });
}

export async function until(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out waiting for a condition");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** `drydock daemon --host unix://SOCKET --data-root DATA`, once it says it listens. */
export async function startDaemon(socket: string, dataRoot: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, "bin", "drydock.js"), "daemon", "--host", `unix://${socket}`, "--data-root", dataRoot], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("API listening on") && resolve());
    child.once("exit", (code) => reject(new Error(`drydock daemon exited with ${code}`)));
  });
  return child;
}

/** SIGTERM (a clean stop) or SIGKILL (a crash), and its exit. */
export async function stopDaemon(child: ChildProcess | undefined, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}
