// docker build end to end through Drydock's CLI, over real HTTP bytes, against a stub daemon
// whose POST /build reads the context and answers with a recorded-shape build stream (the
// progress messages of tests/support/build-progress.ts, the classic `stream` lines beside
// them); the daemon's real /build is tested on its side. The output is buildx's.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { appBuild, DOCKERFILE } from "../../../../../tests/support/build-progress";
import { dockerCli, type CliRun } from "../../../../../tests/support/cli";
import { fakeEngine } from "../../../../../tests/support/fake-engine";
import { BUILD_PROGRESS_ID, type BuildMessage } from "../../../../shared/engine-api/build";
import type { HttpResponse } from "../../../api/http/response";
import type { Handler } from "../../../api/http/server";
import { inProcessDialer } from "../../../api/in-process";
import { readTar } from "../../../layer/tar-reader";

const IMAGE_ID = `sha256:${"4e5f6a7b8c9d".padEnd(64, "0")}`;
const FAILURE = 'process "/bin/sh -c ./app.sh" did not complete successfully: exit code: 1';

interface Seen {
  query: [string, string][];
  files: Record<string, string>;
}

/** The daemon's answer to a build: its messages, or an error status before any. */
type Answer = { messages: BuildMessage[] } | { status: number; message: string };

function buildMessages(fail: boolean): BuildMessage[] {
  const messages: BuildMessage[] = [{ stream: "Step 1/3 : FROM busybox\n" }];
  for (const step of appBuild(fail)) messages.push({ id: BUILD_PROGRESS_ID, aux: step.progress }, { stream: " ---> Running\n" });
  // The classic builder's words, for the official CLI; the failed vertex has BuildKit's.
  const classic = "The command '/bin/sh -c ./app.sh' returned a non-zero code: 1";
  if (fail) messages.push({ errorDetail: { code: 1, message: classic }, error: classic });
  else messages.push({ aux: { ID: IMAGE_ID } }, { stream: `Successfully built 4e5f6a7b8c9d\n` });
  return messages;
}

let dir: string;
let seen: Seen[];
let answer: Answer;

const daemon: Handler = async (request): Promise<HttpResponse> => {
  if (request.path === "/_ping") return { status: 200, headers: { "Api-Version": "1.47" }, body: "OK" };
  const files: Record<string, string> = {};
  for await (const entry of readTar(request.body)) files[entry.name] = entry.type === "file" ? new TextDecoder().decode(entry.body) : entry.type;
  seen.push({ query: [...request.query], files });
  if ("status" in answer) return { status: answer.status, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ message: answer.message }) };
  const lines = answer.messages.map((message) => `${JSON.stringify(message)}\n`);
  return {
    status: 200,
    headers: { "Content-Type": "application/json" },
    stream: (async function* () {
      yield* lines;
    })(),
  };
};

const engine = { dial: inProcessDialer(daemon, "docker CLI") };
const docker = (args: string[], run: CliRun = {}) => dockerCli(engine, args, { cwd: dir, env: { DOCKER_CONFIG: join(dir, ".config") }, ...run });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "drydock-build-"));
  writeFileSync(join(dir, "Dockerfile"), DOCKERFILE);
  writeFileSync(join(dir, "app.sh"), "echo hello from app\n");
  writeFileSync(join(dir, ".dockerignore"), "node_modules\n");
  mkdirSync(join(dir, "node_modules"));
  writeFileSync(join(dir, "node_modules", "big.js"), "x");
  seen = [];
  answer = { messages: buildMessages(false) };
});

describe("docker build", () => {
  it("sends the context and prints BuildKit's plain progress when stderr is no terminal", async () => {
    const result = await docker(["build", "-t", "app", "."]);
    expect(result).toMatchObject({ code: 0, stdout: "" });
    expect(result.stderr).toMatch(/^#0 building with "default" instance using docker driver\n\n#1 \[internal\] load build definition from Dockerfile\n#1 transferring dockerfile: 80B done\n#1 DONE 0.0s\n/);
    expect(result.stderr).toContain("#7 [3/3] RUN ./app.sh\n#7 0.281 hello from app\n#7 0.599 done\n#7 DONE 0.6s\n");
    expect(result.stderr.endsWith("#8 naming to docker.io/library/app:latest done\n#8 DONE 0.1s\n")).toBe(true);
    expect(result.stderr).not.toContain("Step 1/3");
    expect(seen).toEqual([
      {
        query: [
          ["dockerfile", "Dockerfile"],
          ["t", "app"],
          ["version", "1"],
        ],
        files: { ".dockerignore": "node_modules\n", Dockerfile: DOCKERFILE, "app.sh": "echo hello from app\n" },
      },
    ]);
  });

  it("is also docker image build and docker builder build", async () => {
    expect((await docker(["image", "build", "-q", "."])).stdout).toBe(`${IMAGE_ID}\n`);
    expect((await docker(["builder", "build", "-q", "."])).stdout).toBe(`${IMAGE_ID}\n`);
  });

  it("redraws BuildKit's frames on a terminal, ending with the finished build", async () => {
    const result = await docker(["build", "-t", "app", "."], { terminal: { rows: 40, cols: 80 } });
    expect(result.code).toBe(0);
    const last = result.stderr.slice(result.stderr.lastIndexOf("[+] Building"));
    expect(last).toMatch(/^\[\+\] Building \d+\.\ds \(8\/8\) FINISHED {2,}docker:default\n/);
    expect(last).toContain(`\x1b[34m => [3/3] RUN ./app.sh${" ".repeat(53)}0.6s\n\x1b[0m`);
    expect(last).toContain(" => => naming to docker.io/library/app:latest");
    expect(last.endsWith("\x1b[?25h")).toBe(true);
  });

  it("prints only the image ID with -q, and writes it to --iidfile", async () => {
    const quiet = await docker(["build", "-q", "--iidfile", "id.txt", "."]);
    expect(quiet).toEqual({ code: 0, stdout: `${IMAGE_ID}\n`, stderr: "" });
    expect(readFileSync(join(dir, "id.txt"), "utf8")).toBe(IMAGE_ID);
    expect(seen[0]!.query).toContainEqual(["q", "1"]);
  });

  it("prints the failed step's output, the Dockerfile's lines and buildx's ERROR line, exit 1, and leaves no stale --iidfile", async () => {
    writeFileSync(join(dir, "id.txt"), "sha256:old");
    answer = { messages: buildMessages(true) };
    const result = await docker(["build", "--iidfile", "id.txt", "."]);
    expect(result.code).toBe(1);
    expect(result.stderr.slice(result.stderr.indexOf("#7 [3/3]"))).toBe(`#7 [3/3] RUN ./app.sh
#7 0.281 hello from app
#7 ERROR: ${FAILURE}
------
 > [3/3] RUN ./app.sh:
0.281 hello from app
------
Dockerfile:3
--------------------
   1 |     FROM busybox
   2 |     COPY app.sh /app.sh
   3 | >>> RUN ./app.sh
   4 |     
--------------------
ERROR: failed to solve: ${FAILURE}
`);
    expect(existsSync(join(dir, "id.txt"))).toBe(false);
  });

  it("prints the daemon's refusal before any progress as a failed solve", async () => {
    answer = { status: 400, message: "dockerfile parse error on line 1: unknown instruction: FOO" };
    expect(await docker(["build", "."])).toEqual({ code: 1, stdout: "", stderr: "ERROR: failed to solve: dockerfile parse error on line 1: unknown instruction: FOO\n" });
  });

  it("says what is wrong with the context in buildx's words, after its first frame on a terminal", async () => {
    expect(await docker(["build", "nope"])).toEqual({ code: 1, stdout: "", stderr: 'ERROR: unable to prepare context: path "nope" not found\n' });
    const framed = await docker(["build", "nope"], { terminal: { rows: 24, cols: 80 } });
    expect(framed.stderr).toMatch(/\[\+\] Building 0\.0s \(0\/0\) {42}docker:default\n\x1b\[\?25hERROR: unable to prepare context: path "nope" not found\n$/);
    expect(seen).toEqual([]);
  });

  it("sends build args (NAME alone from the client's environment, else null), labels, target and the cache flags", async () => {
    const args = ["build", "--build-arg", "A=1", "--build-arg", "FROM_ENV", "--build-arg", "UNSET", "--label", "team=web", "--label", "solo", "--target", "final", "--no-cache", "--pull", "--rm=false", "--force-rm", "-f", "Dockerfile", "-t", "a", "-t", "b:v1", "."];
    expect((await docker(args, { env: { FROM_ENV: "from env", DOCKER_CONFIG: join(dir, ".config") } })).code).toBe(0);
    expect(seen[0]!.query).toEqual([
      ["buildargs", '{"A":"1","FROM_ENV":"from env","UNSET":null}'],
      ["dockerfile", "Dockerfile"],
      ["forcerm", "1"],
      ["labels", '{"team":"web","solo":""}'],
      ["nocache", "1"],
      ["pull", "1"],
      ["rm", "0"],
      ["t", "a"],
      ["t", "b:v1"],
      ["target", "final"],
      ["version", "1"],
    ]);
  });

  it("reads the Dockerfile from stdin (-), the context then holding only it", async () => {
    expect((await docker(["build", "-q", "-"], { stdin: "FROM busybox\n" })).code).toBe(0);
    expect(seen[0]).toEqual({ query: [["dockerfile", "Dockerfile"], ["q", "1"], ["version", "1"]], files: { Dockerfile: "FROM busybox\n" } });
  });

  it("refuses the flags Drydock does not build with, as a usage error, before anything is sent", async () => {
    for (const [flag, ...value] of [["--platform", "linux/amd64"], ["-o", "type=local,dest=out"], ["--push"], ["--secret", "id=x"], ["--ssh", "default"], ["--cache-from", "app"], ["--network", "host"], ["-m", "1g"]]) {
      const name = flag === "-o" ? "output" : flag === "-m" ? "memory" : flag!.slice(2);
      expect(await docker(["build", flag!, ...value, "."])).toEqual({
        code: 125,
        stdout: "",
        stderr: `Drydock does not support --${name} yet\n\nUsage:  docker build [OPTIONS] PATH | URL | -\n\nRun 'docker build --help' for more information\n`,
      });
    }
    expect(seen).toEqual([]);
  });

  it("checks --progress, tags, labels and build args as docker does", async () => {
    expect(await docker(["build", "--progress", "fancy", "."])).toMatchObject({ code: 1, stderr: "ERROR: invalid progress mode fancy\n" });
    expect(await docker(["build", "--progress", "rawjson", "."])).toMatchObject({ code: 1, stderr: "ERROR: Drydock does not support --progress=rawjson yet\n" });
    expect(await docker(["build", "--progress", "tty", "."])).toMatchObject({ code: 1, stderr: "ERROR: failed to get console: provided file is not a console\n" });
    expect(await docker(["build", "-q", "--progress=plain", "."])).toMatchObject({ code: 1, stderr: "ERROR: progress=plain and quiet cannot be used together\n" });
    expect((await docker(["build", "-t", "Foo", "."])).stderr).toMatch(/^invalid argument "Foo" for "-t, --tag" flag: invalid reference format: repository name \(library\/Foo\) must be lowercase\n/);
    expect((await docker(["build", "--label", "=x", "."])).stderr).toMatch(/^invalid argument "=x" for "--label" flag: invalid label '=x': empty name\n/);
    expect((await docker(["build", "--build-arg", "=x", "."])).stderr).toMatch(/^invalid argument "=x" for "--build-arg" flag: invalid environment variable: =x\n/);
    expect(seen).toEqual([]);
  });

  it("takes plain progress from BUILDKIT_PROGRESS when --progress is left at auto", async () => {
    const result = await docker(["build", "."], { terminal: { rows: 24, cols: 80 }, env: { BUILDKIT_PROGRESS: "plain", DOCKER_CONFIG: join(dir, ".config") } });
    expect(result.stderr.startsWith('#0 building with "default" instance using docker driver\n')).toBe(true);
  });

  it("lists in its help the flags it builds with, and not those it refuses", async () => {
    const help = (await docker(["build", "--help"])).stdout;
    expect(help).toContain("Usage:  docker build [OPTIONS] PATH | URL | -\n\nBuild an image from a Dockerfile\n\nAliases:\n  docker builder build, docker image build, docker build\n");
    expect(help).toContain('  -t, --tag stringArray         Image identifier (format:\n                                "[registry/]repository[:tag]")\n');
    expect(help).toContain("      --rm                      Remove intermediate containers after a\n                                successful build (default true)\n");
    expect(help).not.toContain("--platform");
    expect(help).not.toContain("--push");
  });
});

describe("docker build against the daemon's own POST /build (fake runtime)", () => {
  /** The daemon over the fake runtime, whose sh says hello and fails a command that runs `false`. */
  async function daemonBuild(dockerfile: string, args: string[] = ["-t", "app"]) {
    const real = await fakeEngine({
      programs: {
        "/bin/sh": async (p) => {
          await p.stdout("hello from app\n");
          return p.args.join(" ").includes("false") ? 1 : 0;
        },
      },
    });
    writeFileSync(join(dir, "Dockerfile"), dockerfile);
    const result = await dockerCli(real, ["build", ...args, "."], { cwd: dir, env: { DOCKER_CONFIG: join(dir, ".config") } });
    return { result, inspect: (name: string) => real.request("GET", `/images/${name}/json`) };
  }

  it("builds and tags the image, the steps and their output drawn from the daemon's progress", async () => {
    const { result, inspect } = await daemonBuild("FROM busybox\nCOPY app.sh /app.sh\nRUN ./app.sh\nCMD [\"sh\"]\n", ["-q", "-t", "app"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    const image = await inspect("app");
    expect(image.status).toBe(200);
    expect((image.json() as { Id: string }).Id).toBe(result.stdout.trim());
    const plain = await daemonBuild("FROM busybox\nCOPY app.sh /app.sh\nRUN ./app.sh\n");
    expect(plain.result.code).toBe(0);
    expect(plain.result.stderr).toMatch(/\n#\d+ \[3\/3\] RUN \.\/app\.sh\n#\d+ \d\.\d{3} hello from app\n#\d+ DONE \d\.\ds\n/);
    expect(plain.result.stderr).toMatch(/#\d+ naming to docker\.io\/library\/app:latest done\n#\d+ DONE \d\.\ds\n$/);
  });

  it("leaves what .dockerignore excludes out of what COPY sees", async () => {
    writeFileSync(join(dir, ".dockerignore"), "app.sh\n");
    const { result } = await daemonBuild("FROM busybox\nCOPY app.sh /app.sh\n");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\nERROR: failed to solve: COPY failed: file not found in build context or excluded by \.dockerignore: .*app\.sh.*\n$/);
  });

  it("fails with BuildKit's words for the failed step, its output and the Dockerfile's lines", async () => {
    const { result } = await daemonBuild("FROM busybox\nRUN echo x && false\n");
    expect(result.code).toBe(1);
    const stderr = result.stderr.replace(/\n\d\.\d{3} hello from app\n/g, "\n<time> hello from app\n");
    expect(stderr.slice(stderr.indexOf("------"))).toBe(`------
 > [2/2] RUN echo x && false:
<time> hello from app
------
Dockerfile:2
--------------------
   1 |     FROM busybox
   2 | >>> RUN echo x && false
   3 |     
--------------------
ERROR: failed to solve: process "/bin/sh -c echo x && false" did not complete successfully: exit code: 1
`);
  });
});
