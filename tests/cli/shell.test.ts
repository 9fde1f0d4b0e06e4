// `drydock shell`, as a user runs it: a real process, the real VM.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/node/paths";

function drydock(args: string[], input?: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, "bin", "drydock.js"), ...args], { stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(input);
  });
}

describe("drydock shell", () => {
  it("-c runs a command in the guest, prints its output and exits with its status", async () => {
    const result = await drydock(["shell", "-c", "uname -m; cat /etc/hostname >&2; exit 42"]);
    expect(result.stdout).toBe("i686\ndrydock\n");
    expect(result.code).toBe(42);
  });

  it("reads commands from a pipe and leaves when the shell is back at its prompt", async () => {
    const result = await drydock(["shell"], "echo piped-$((6 * 7))\n");
    expect(result.stdout).toContain("piped-42");
    expect(result.code).toBe(0);
  });

  it("leaves at once when the pipe brings nothing", async () => {
    const result = await drydock(["shell"], "");
    expect(result.stdout).toMatch(/root@drydock:~# $/);
    expect(result.code).toBe(0);
  });

  it("explains its usage and rejects unknown commands", async () => {
    expect((await drydock(["shell", "--help"])).stdout).toMatch(/^Usage: drydock shell \[-c COMMAND\]/);
    const unknown = await drydock(["shel"]);
    expect(unknown.stderr).toMatch(/'shel' is not a drydock command/);
    expect(unknown.code).toBe(1);
  });
});

describe("drydock shell on a terminal", () => {
  // util-linux `script` gives the command a real pty, as a user's terminal would.
  it("runs in raw mode, passes the terminal size to the guest, and Ctrl-] leaves", async () => {
    const child = spawn("script", ["-qfec", `stty rows 33 cols 111; ${process.execPath} ${join(PROJECT_ROOT, "bin", "drydock.js")} shell`, "/dev/null"], {
      stdio: "pipe",
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    const seen = (pattern: RegExp) => expect.poll(() => output, { timeout: 30_000 }).toMatch(pattern);
    await seen(/root@drydock:~# /);
    child.stdin.write("stty size\r");
    await seen(/stty size\r+\n33 111\r+\n/);
    child.stdin.write("\x1d");
    expect(await exited).toBe(0);
  });
});
