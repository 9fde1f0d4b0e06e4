// `npx drydock docker`: the same CLI in Node, over a real UNIX socket to the daemon (real VM).
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/node/paths";
import { startEngineServer, type EngineServer } from "../support/engine-server";

let server: EngineServer;

beforeAll(async () => {
  server = await startEngineServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

function drydockDocker(args: string[], env: Record<string, string> = {}, stdin = ""): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [join(PROJECT_ROOT, "bin", "drydock.js"), "docker", ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(stdin);
  });
}

describe("npx drydock docker", () => {
  it("reaches the daemon named by DOCKER_HOST or -H, runs containers and pipes stdin", async () => {
    expect(await drydockDocker(["version", "--format", "{{.Server.Os}}/{{.Server.Arch}}"], { DOCKER_HOST: `unix://${server.socket}` })).toMatchObject({ code: 0, stdout: "linux/386\n" });
    const run = await drydockDocker(["-H", `unix://${server.socket}`, "run", "-i", "--rm", "busybox", "sh", "-c", "cat; exit 4"], {}, "through the socket\n");
    expect(run).toMatchObject({ code: 4, stdout: "through the socket\n" });
    expect(run.stderr).toContain("Unable to find image 'busybox:latest' locally");
  });

  it("says so when no daemon listens, and takes --help for docker's verbs", async () => {
    expect(await drydockDocker(["-H", "unix:///nonexistent.sock", "ps"])).toMatchObject({ code: 1, stderr: "Cannot connect to the Docker daemon at unix:///nonexistent.sock. Is the docker daemon running?\n" });
    const help = await drydockDocker(["ps", "--help"]);
    expect(help.stdout).toMatch(/^Usage: {2}docker ps \[OPTIONS\]\n\nList containers\n\nAliases:\n {2}docker container ls, docker container list, docker container ps, docker ps\n/);
  });

  it("keeps its contexts apart from the docker CLI's ~/.docker, whose current context may be Docker Desktop's", async () => {
    const home = mkdtempSync(join(tmpdir(), "drydock-home-"));
    try {
      // The docker CLI's config, as Docker Desktop leaves it: its current context elsewhere.
      mkdirSync(join(home, ".docker"));
      writeFileSync(join(home, ".docker", "config.json"), JSON.stringify({ currentContext: "desktop-linux" }));
      const env = { HOME: home, XDG_CONFIG_HOME: "", DOCKER_HOST: `unix://${server.socket}` };
      expect(await drydockDocker(["ps", "-q"], { ...env, DOCKER_HOST: "" })).toMatchObject({ code: 1, stderr: "Cannot connect to the Docker daemon at unix:///tmp/drydock.sock. Is the docker daemon running?\n" });
      expect(await drydockDocker(["context", "create", "mine", "--docker", `host=unix://${server.socket}`], env)).toMatchObject({ code: 0, stdout: "mine\n" });
      expect(await drydockDocker(["context", "use", "mine"], { ...env, DOCKER_HOST: "" })).toMatchObject({ code: 0 });
      expect(await drydockDocker(["version", "--format", "{{.Server.Os}}"], { ...env, DOCKER_HOST: "" })).toMatchObject({ code: 0, stdout: "linux\n" });
      expect(JSON.parse(readFileSync(join(home, ".config", "drydock", "docker", "config.json"), "utf8"))).toMatchObject({ currentContext: "mine" });
      expect(JSON.parse(readFileSync(join(home, ".docker", "config.json"), "utf8"))).toEqual({ currentContext: "desktop-linux" });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("builds from a directory with BuildKit's plain progress, then diff and commit a container of the image", async () => {
    const dir = mkdtempSync(join(tmpdir(), "drydock-node-build-"));
    try {
      writeFileSync(join(dir, "Dockerfile"), "FROM busybox\nRUN echo built > /built\nCMD [\"cat\", \"/built\"]\n");
      const host = ["-H", `unix://${server.socket}`];
      const build = await drydockDocker([...host, "build", "--progress=plain", "-t", "nodebuild", dir]);
      expect(build.code, build.stderr).toBe(0);
      expect(build.stderr).toMatch(/^#\d+ \[2\/2\] RUN echo built > \/built\n#\d+ DONE \d+\.\ds$/m);
      expect(build.stderr).toMatch(/^#\d+ naming to docker\.io\/library\/nodebuild:latest done$/m);
      expect((await drydockDocker([...host, "run", "--name", "nb", "nodebuild", "sh", "-c", "cat /built; touch /new"])).stdout).toBe("built\n");
      expect((await drydockDocker([...host, "diff", "nb"])).stdout).toBe("A /new\n");
      const commit = await drydockDocker([...host, "commit", "-c", "CMD [\"ls\", \"/new\"]", "nb", "nodebuild:2"]);
      expect(commit.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
      expect((await drydockDocker([...host, "run", "--rm", "nodebuild:2"])).stdout).toBe("/new\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
