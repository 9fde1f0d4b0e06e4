// `drydock shell`, as a user runs it: a real process, the real VM. The README's tour commands
// (`npx drydock shell`, `-c 'uname -a'`, `-c 'docker run --rm hello-world'`) are run as typed:
// HOME is a temporary folder, so their default data root (~/.local/share/drydock) is too.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/node/paths";
import { docker, hasDocker, startDaemon, stopDaemon } from "../support/node-daemon";

const DRYDOCK = join(PROJECT_ROOT, "bin", "drydock.js");
const home = mkdtempSync(join(tmpdir(), "drydock-home-"));
const defaultDataRoot = join(home, ".local", "share", "drydock");
const env = { ...process.env, HOME: home };

afterAll(() => rmSync(home, { recursive: true, force: true }));

function drydock(args: string[], input?: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DRYDOCK, ...args], { stdio: "pipe", env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(input);
  });
}

/** `drydock shell ARGS` on a real pty (util-linux `script`), as a user's terminal runs it, 111 columns by 33 rows. */
function onTerminal(args: string[]): { child: ChildProcess; output: () => string; seen: (pattern: RegExp) => Promise<void>; exited: Promise<number | null> } {
  const command = `stty rows 33 cols 111; ${process.execPath} ${DRYDOCK} shell ${args.map((a) => `'${a}'`).join(" ")}`;
  const child = spawn("script", ["-qfec", command, "/dev/null"], { stdio: "pipe", env });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return { child, output: () => output, seen: (pattern) => expect.poll(() => output, { timeout: 30_000 }).toMatch(pattern), exited };
}

describe("drydock shell", () => {
  it("-c runs a command in the guest, prints its output and exits with its status", async () => {
    const result = await drydock(["shell", "-c", "uname -m; cat /etc/hostname >&2; exit 42"]);
    expect(result.stdout).toBe("i686\ndrydock\n");
    expect(result.code).toBe(42);
  });

  it("`npx drydock shell -c 'uname -a'` (README)", async () => {
    const result = await drydock(["shell", "-c", "uname -a"]);
    expect(result.stdout).toMatch(/^Linux drydock 6\.1\.\d+ .* i686 GNU\/Linux\n$/);
    expect(result.code).toBe(0);
  });

  it("`npx drydock shell -c 'docker run --rm hello-world'` (README): the shell is a Docker host, and keeps its images in the data root", async () => {
    const result = await drydock(["shell", "-c", "docker run --rm hello-world"]);
    expect(result.stdout).toContain("Hello from Drydock!");
    expect(result.stdout).not.toContain("Cannot connect to the Docker daemon");
    expect(result.code).toBe(0);
    const images = await drydock(["shell", "--data-root", defaultDataRoot, "-c", "docker images --format '{{.Repository}}'"]);
    expect(images).toMatchObject({ stdout: "hello-world\n", code: 0 });
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

  it("holds its data root while it runs: a second shell and a daemon are refused, told what holds it", async () => {
    const first = spawn(process.execPath, [DRYDOCK, "shell"], { stdio: "pipe", env });
    let output = "";
    first.stdout.on("data", (d: Buffer) => (output += d));
    const exited = new Promise<number | null>((resolve) => first.on("close", resolve));
    // At its prompt, it has the data root and its VM.
    await expect.poll(() => output, { timeout: 30_000 }).toMatch(/root@drydock:~# $/);
    const holder = `the data root ${defaultDataRoot} is in use: process with PID ${first.pid} is still running (a drydock shell, which runs the Docker host itself)`;
    const second = await drydock(["shell", "-c", "true"]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(holder);
    const daemon = await drydock(["daemon", "--host", `unix://${join(home, "refused.sock")}`]);
    expect(daemon.code).toBe(1);
    expect(daemon.stderr).toContain(holder);
    first.stdin.end();
    expect(await exited).toBe(0);
  });

  it("explains its usage and rejects unknown commands", async () => {
    expect((await drydock(["shell", "--help"])).stdout).toMatch(/^Usage: drydock shell \[-c COMMAND\] \[--data-root DIR\]/);
    const unknown = await drydock(["shel"]);
    expect(unknown.stderr).toMatch(/'shel' is not a drydock command/);
    expect(unknown.code).toBe(1);
  });
});

describe("drydock shell on a terminal", () => {
  it("`npx drydock shell` (README): raw mode, the terminal size passed to the guest, Ctrl-] leaves", async () => {
    const terminal = onTerminal([]);
    await terminal.seen(/attached to the guest console; Ctrl-\] leaves\.[\s\S]*root@drydock:~# /);
    terminal.child.stdin!.write("stty size\r");
    await terminal.seen(/stty size\r+\n33 111\r+\n/);
    terminal.child.stdin!.write("\x1d");
    expect(await terminal.exited).toBe(0);
  });
});

describe.skipIf(!hasDocker)("drydock shell with a drydock daemon on its data root", () => {
  const dir = mkdtempSync(join(tmpdir(), "drydock-shell-daemon-"));
  const socket = join(dir, "docker.sock");
  const dataRoot = join(dir, "data");
  let daemon: ChildProcess | undefined;

  beforeAll(async () => {
    daemon = await startDaemon(socket, dataRoot);
    expect((await docker(socket, ["run", "-d", "--name", "fromcli", "busybox", "sleep", "600"])).code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await stopDaemon(daemon);
    rmSync(dir, { recursive: true, force: true });
  });

  it("-c runs on the daemon's guest: `docker ps` lists what the official CLI started, and the status comes back", async () => {
    expect(await drydock(["shell", "--data-root", dataRoot, "-c", "docker ps --format {{.Names}}"])).toMatchObject({ stdout: "fromcli\n", code: 0 });
    // The README's `npx drydock shell -c 'docker ps'` beside a daemon.
    const table = await drydock(["shell", "--data-root", dataRoot, "-c", "docker ps"]);
    expect(table.stdout).toMatch(/^CONTAINER ID +IMAGE +COMMAND +CREATED +STATUS +PORTS +NAMES\n[0-9a-f]{12} +busybox +"sleep 600" .* fromcli\n$/);
    expect(await drydock(["shell", "--data-root", dataRoot, "-c", "echo on the console of the daemon; exit 5"])).toMatchObject({ stdout: "on the console of the daemon\n", code: 5 });
  });

  it("types piped input into the daemon's console, and leaves the daemon running", async () => {
    const result = await drydock(["shell", "--data-root", dataRoot], "docker ps --format 'piped {{.Names}}'\n");
    expect(result.stdout).toMatch(/^piped fromcli\r?$/m);
    expect(result.code).toBe(0);
    expect(await docker(socket, ["ps", "--format", "{{.Names}} {{.State}}"])).toMatchObject({ stdout: "fromcli running\n", code: 0 });
  });

  it("on a terminal, attaches to the daemon's console with its size; Ctrl-] leaves without stopping the guest", async () => {
    const terminal = onTerminal(["--data-root", dataRoot]);
    await terminal.seen(/attached to the guest console of the drydock daemon using .*; Ctrl-\] leaves\.[\s\S]*root@drydock:~# /);
    terminal.child.stdin!.write("stty size; docker ps --format '{{.Names}}'\r");
    await terminal.seen(/\r\n33 111\r+\nfromcli\r+\n/);
    terminal.child.stdin!.write("\x1d");
    expect(await terminal.exited).toBe(0);
    expect(await drydock(["shell", "--data-root", dataRoot, "-c", "docker inspect -f '{{.State.Status}}' fromcli"])).toMatchObject({ stdout: "running\n", code: 0 });
  });
});
