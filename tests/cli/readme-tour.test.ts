// The README's commands, read from README.md itself and run as a reader would: the tour's
// terminal blocks on the real VM's console, and the Node section's against `drydock daemon`
// with the machine's official docker CLI and curl. A line that waits for the reader (a shell
// in a container, a stream ended by Ctrl-C, a daemon left running) is run by the test named
// beside it instead.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/node/paths";
import { typeLine } from "../support/console";
import { startEngineServer, type EngineServer } from "../support/engine-server";
import { hasDocker, startDaemon, stopDaemon } from "../support/node-daemon";

const README = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");

/** The command lines of the ```sh blocks between two headings' texts, comments dropped. */
function shellLines(from: string, to: string): string[] {
  const part = README.slice(README.indexOf(from), README.indexOf(to, README.indexOf(from)));
  const blocks = [...part.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((block) => block.split("\n").map((line) => line.trim().replace(/\s+# .*$/, "")).filter(Boolean));
}

/** Lines another test runs, because they wait for the reader. */
const ELSEWHERE: Record<string, string> = {
  "docker run -it --rm busybox sh": "tests/e2e/lesson-learner.test.ts (in the page) and tests/compat/docker-cli.test.ts (a terminal)",
  "curl -N --unix-socket /var/run/docker.sock http://localhost/v1.47/events": "tests/api/guest-sockets.test.ts (with until=, so it ends)",
  "npx drydock daemon --host unix:///tmp/drydock.sock": "startDaemon here, on a socket of the test's own",
  "npx drydock shell -c 'docker ps'": "tests/cli/shell.test.ts (beside a daemon)",
};

describe("the README's tour, typed on the guest console", () => {
  let server: EngineServer;
  beforeAll(async () => {
    server = await startEngineServer();
  }, 120_000);
  afterAll(() => server?.stop());

  const lines = shellLines("## A 60-second tour", "4. The same Docker host from Node");
  it("has the tour's terminal blocks to run", () => expect(lines.length).toBeGreaterThanOrEqual(10));

  for (const line of lines.filter((l) => !(l in ELSEWHERE))) {
    it(line, async () => {
      const printed = await typeLine(server.machine, line);
      const status = await typeLine(server.machine, 'echo "status=$?"');
      expect(status, printed).toContain("status=0");
      expect(printed).not.toMatch(/Error response from daemon|not found|unknown (command|flag)/);
    });
  }
});

describe.skipIf(!hasDocker)("the README's Node daemon section, with the official docker CLI", () => {
  const dir = mkdtempSync(join(tmpdir(), "drydock-readme-"));
  const socket = join(dir, "docker.sock");
  let daemon: ChildProcess | undefined;
  beforeAll(async () => {
    daemon = await startDaemon(socket, join(dir, "data"));
  }, 120_000);
  afterAll(() => stopDaemon(daemon));

  const lines = shellLines("## Using the Node daemon with the real docker CLI", "## Limits");
  it("has the section's block to run", () => expect(lines.length).toBeGreaterThanOrEqual(8));

  for (const line of lines.filter((l) => !(l in ELSEWHERE) && !l.startsWith("export "))) {
    it(line, async () => {
      // DOCKER_HOST as the section's `export` sets it, on the test's socket.
      const command = line.replaceAll("/tmp/drydock.sock", socket);
      const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile("sh", ["-c", command], { env: { ...process.env, DOCKER_HOST: `unix://${socket}` }, timeout: 60_000 }, (error, stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        ),
      );
      expect(result, result.stderr).toMatchObject({ code: 0 });
    });
  }
});

describe.skipIf(!hasDocker)("the README's `drydock daemon --host tcp://127.0.0.1:PORT`", () => {
  it("serves the Engine API on TCP, for the official docker CLI", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const dir = mkdtempSync(join(tmpdir(), "drydock-readme-tcp-"));
    const daemon = spawn(process.execPath, [join(PROJECT_ROOT, "bin", "drydock.js"), "daemon", "--host", `tcp://127.0.0.1:${port}`, "--data-root", dir], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      await new Promise<void>((resolve, reject) => {
        daemon.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("API listening on") && resolve());
        daemon.once("exit", (code) => reject(new Error(`drydock daemon exited with ${code}`)));
      });
      const version = await new Promise<string>((resolve) => execFile("docker", ["-H", `tcp://127.0.0.1:${port}`, "version", "--format", "{{.Server.Os}}/{{.Server.Arch}}"], (_error, stdout) => resolve(stdout)));
      expect(version).toBe("linux/386\n");
    } finally {
      await stopDaemon(daemon);
    }
  }, 120_000);
});
