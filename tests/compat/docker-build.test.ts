// `docker build` from the official docker CLI (no buildx: the classic builder's API) against
// `drydock daemon` with the real VM: RUN runs in a container there, its changes become layers.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/node/paths";
import { docker as dockerAt, hasDocker, startDaemon, stopDaemon, until } from "../support/node-daemon";

const dir = mkdtempSync(join(tmpdir(), "drydock-build-"));
const socket = join(dir, "docker.sock");
let daemon: ChildProcess;
const docker = (args: string[], stdin?: string) => dockerAt(socket, args, stdin);

/** A build context directory with these files. */
function context(name: string, files: Record<string, string>): string {
  const root = join(dir, name);
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), body);
  }
  return root;
}

/** The classic stream with IDs made stable, for comparing whole outputs. */
const stable = (text: string) => text.replace(/\r/g, "").replace(/\b[0-9a-f]{12}\b/g, "<id>");

beforeAll(async () => {
  if (!hasDocker) return;
  daemon = await startDaemon(socket, join(dir, "data"));
}, 90_000);

afterAll(async () => {
  await stopDaemon(daemon);
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasDocker)("docker build (the official CLI, classic builder) against drydock daemon", () => {
  const app = () =>
    context("app", {
      Dockerfile: 'FROM busybox\nENV GREETING=hello\nRUN echo "$GREETING from RUN" > /greeting\nCOPY app.sh /app/\nCMD ["sh", "/app/app.sh"]\n',
      "app.sh": "cat /greeting\necho from app.sh\n",
    });

  it("builds step by step, prints the classic stream, and the image runs", async () => {
    const result = await docker(["build", "-t", "app", app()]);
    expect(result.code).toBe(0);
    expect(stable(result.stdout).replace(/^(latest: Pulling|<id>: |Digest|Status).*\n/gm, "")).toBe(
      [
        "Sending build context to Docker daemon  3.072kB",
        "Step 1/5 : FROM busybox",
        " ---> <id>",
        "Step 2/5 : ENV GREETING=hello",
        " ---> Running in <id>",
        " ---> Removed intermediate container <id>",
        " ---> <id>",
        'Step 3/5 : RUN echo "$GREETING from RUN" > /greeting',
        " ---> Running in <id>",
        " ---> Removed intermediate container <id>",
        " ---> <id>",
        "Step 4/5 : COPY app.sh /app/",
        " ---> <id>",
        'Step 5/5 : CMD ["sh", "/app/app.sh"]',
        " ---> Running in <id>",
        " ---> Removed intermediate container <id>",
        " ---> <id>",
        "Successfully built <id>",
        "Successfully tagged app:latest",
        "",
      ].join("\n"),
    );
    expect(await docker(["run", "--rm", "app"])).toEqual({ code: 0, stdout: "hello from RUN\nfrom app.sh\n", stderr: "" });
    const history = await docker(["history", "--no-trunc", "--format", "{{.CreatedBy}}\t{{.Size}}", "app"]);
    expect(history.stdout.split("\n").slice(0, 4)).toEqual([
      '/bin/sh -c #(nop)  CMD ["sh" "/app/app.sh"]\t0B',
      expect.stringMatching(/^\/bin\/sh -c #\(nop\) COPY file:[0-9a-f]{64} in \/app\/ \t\d+(\.\d+)?kB$/),
      expect.stringMatching(/^\/bin\/sh -c echo "\$GREETING from RUN" > \/greeting\t\d+(\.\d+)?kB$/),
      "/bin/sh -c #(nop)  ENV GREETING=hello\t0B",
    ]);
  });

  it("takes every step from the cache when nothing changed, and reruns from the first change", async () => {
    const root = app();
    const first = await docker(["build", "-t", "app", root]);
    expect(first.stdout.match(/ ---> Using cache/g)).toHaveLength(4);
    expect(first.stdout).not.toContain("Running in");
    writeFileSync(join(root, "app.sh"), "echo changed\n");
    const changed = await docker(["build", "-t", "app", root]);
    expect(changed.stdout.match(/ ---> Using cache/g)).toHaveLength(2);
    expect((await docker(["run", "--rm", "app"])).stdout).toBe("changed\n");
    // The image the tag left is dangling, as in Docker.
    expect((await docker(["images", "--filter", "dangling=true", "-q"])).stdout.trim().split("\n")).toHaveLength(1);
  });

  it("builds only what --target needs, with --build-arg, USER and WORKDIR, and COPY --from a stage", async () => {
    const root = context("multi", {
      Dockerfile:
        "FROM busybox AS unused\nRUN exit 1\n" +
        'FROM busybox AS build\nARG NAME=world\nWORKDIR /work\nRUN echo "hello $NAME" > greeting\n' +
        "FROM busybox\nUSER nobody\nWORKDIR /home/app\nCOPY --from=build /work/greeting .\nRUN id -un > /tmp/who && pwd >> /tmp/who\nCMD cat greeting /tmp/who\n",
    });
    const result = await docker(["build", "--build-arg", "NAME=drydock", "-t", "multi", root]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("exit 1");
    expect(await docker(["run", "--rm", "multi"])).toEqual({ code: 0, stdout: "hello drydock\nnobody\n/home/app\n", stderr: "" });
    const target = await docker(["build", "--target", "build", "-q", root]);
    expect(target.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect((await docker(["run", "--rm", target.stdout.trim(), "cat", "/work/greeting"])).stdout).toBe("hello world\n");
  });

  it("sends what .dockerignore leaves (the CLI tars the context) and the daemon sees only that", async () => {
    const root = context("ignore", { Dockerfile: "FROM busybox\nCOPY . /ctx/\nRUN ls -A /ctx\n", ".dockerignore": "secret.txt\n", "secret.txt": "s", "kept.txt": "k" });
    const result = await docker(["build", root]);
    expect(result.stdout).toMatch(/\.dockerignore\nDockerfile\nkept\.txt\n/);
    expect(result.stdout).not.toContain("secret.txt");
  });

  it("fails a RUN that exits non-zero with the classic message and its exit status, leaving no container", async () => {
    const root = context("fail", { Dockerfile: "FROM busybox\nRUN echo before && exit 3\n" });
    const result = await docker(["build", "-t", "broken", root]);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain("before\n");
    expect(result.stderr).toContain("The command '/bin/sh -c echo before && exit 3' returned a non-zero code: 3");
    expect((await docker(["images", "-q", "broken"])).stdout).toBe("");
    expect((await docker(["ps", "-aq"])).stdout).toBe("");
  });

  it("answers a Dockerfile error before any output, in Docker's words", async () => {
    const root = context("bad", { Dockerfile: "FROM busybox\nRUNN echo\n" });
    const result = await docker(["build", root]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Error response from daemon: dockerfile parse error on line 2: unknown instruction: RUNN (did you mean RUN?)");
  });

  it("writes the image ID with --iidfile and refuses what the classic builder here does not do", async () => {
    const root = context("iid", { Dockerfile: "FROM busybox\nLABEL a=b\n" });
    const iidfile = join(dir, "image-id.txt");
    expect((await docker(["build", "--iidfile", iidfile, "--label", "made=drydock", root])).code).toBe(0);
    const id = readFileSync(iidfile, "utf8");
    expect((await docker(["inspect", "-f", "{{json .Config.Labels}}", id])).stdout).toBe('{"a":"b","made":"drydock"}\n');
    const memory = await docker(["build", "--memory", "64m", root]);
    expect(memory.code).toBe(1);
    expect(memory.stderr).toContain("the build option memory=67108864 is not supported by Drydock");
  });

  it("commits a container's changes as an image, and diff lists them", async () => {
    expect((await docker(["run", "--name", "changer", "busybox", "sh", "-c", "echo hi > /tmp/x; rm /etc/group"])).code).toBe(0);
    expect((await docker(["diff", "changer"])).stdout).toBe("C /etc\nD /etc/group\nC /tmp\nA /tmp/x\n");
    const commit = await docker(["commit", "-m", "a note", "-c", 'CMD ["cat", "/tmp/x"]', "changer", "snap:1"]);
    expect(commit.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect((await docker(["run", "--rm", "snap:1"])).stdout).toBe("hi\n");
    expect((await docker(["history", "--format", "{{.Comment}}", "snap:1"])).stdout.split("\n")[0]).toBe("a note");
    await docker(["rm", "changer"]);
  });

  it("keeps the cache across a restart of the daemon, and the cached image runs on the new VM", async () => {
    const root = app();
    await docker(["build", "-t", "app", root]);
    await stopDaemon(daemon);
    daemon = await startDaemon(socket, join(dir, "data"));
    const again = await docker(["build", "-t", "app", root]);
    expect(again.stdout.match(/ ---> Using cache/g)).toHaveLength(4);
    expect(await docker(["run", "--rm", "app"])).toEqual({ code: 0, stdout: "hello from RUN\nfrom app.sh\n", stderr: "" });
    writeFileSync(join(root, "Dockerfile"), readFileSync(join(root, "Dockerfile"), "utf8") + "RUN cat /greeting\n");
    const extended = await docker(["build", "-t", "app", root]);
    expect(extended.stdout).toContain("hello from RUN\n");
  }, 120_000);

  it("fails a RUN that eats memory without hurting the VM, and a build whose client leaves stops its step", async () => {
    const hog = context("hog", { Dockerfile: "FROM busybox\nRUN dd if=/dev/zero of=/dev/null bs=200M count=1\n" });
    const result = await docker(["build", hog]);
    expect(result.code).toBe(137);
    expect(result.stderr).toContain("returned a non-zero code: 137");
    const sleeper = context("sleeper", { Dockerfile: "FROM busybox\nRUN sleep 987\n" });
    const cli = spawn("docker", ["-H", `unix://${socket}`, "build", "-t", "sleeper", sleeper], { stdio: ["ignore", "pipe", "pipe"] });
    await new Promise<void>((resolve) => cli.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("Running in") && resolve()));
    const guestPs = () => runShell(["--data-root", join(dir, "data"), "-c", "ps"]);
    expect(await guestPs()).toContain("sleep 987");
    cli.kill("SIGKILL");
    await until(async () => !(await guestPs()).includes("sleep 987"));
    expect((await docker(["images", "-q", "sleeper"])).stdout).toBe("");
    expect((await docker(["run", "--rm", "busybox", "echo", "fine"])).stdout).toBe("fine\n");
  }, 60_000);
});

/** `drydock shell` on the daemon's data root: the daemon's own guest console. */
function runShell(args: string[]): Promise<string> {
  return new Promise((resolve) => execFile(process.execPath, [join(PROJECT_ROOT, "bin", "drydock.js"), "shell", ...args], { timeout: 30_000 }, (_error, stdout) => resolve(stdout)));
}
