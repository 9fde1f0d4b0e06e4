import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { MAX_BUILD_CONTEXT } from "../../src/shared/engine-api/build";
import { writeTar } from "../../src/engine/layer/tar-writer";
import { once } from "../../src/engine/layer/gunzip";
import { readTar } from "../../src/engine/layer/tar-reader";
import { MemoryBlobStore } from "../../src/engine/storage/blob-store";
import { MemoryKvStore } from "../../src/engine/storage/kv-store";
import { build } from "../support/build-request";
import { fakeEngine } from "../support/fake-engine";

// POST /build on the fake runtime: the classic builder's stream, the cache, the refusals. RUN's
// file changes need the VM (tests/compat/docker-build.test.ts); here a RUN changes nothing.

describe("POST /build (classic builder API)", () => {
  it("streams Docker's classic text and tags the image", async () => {
    const engine = await fakeEngine({ programs: { "/bin/sh": (p) => p.stdout("hello\n") } });
    const result = await build(engine, { Dockerfile: "FROM busybox\nENV GREETING=hello\nRUN echo $GREETING\nCMD [\"sh\"]\n" });
    expect(result.status).toBe(200);
    expect(result.error).toBeUndefined();
    const lines = result.classic.split("\n");
    expect(lines[0]).toBe("Step 1/4 : FROM busybox");
    expect(lines).toContain("Step 2/4 : ENV GREETING=hello");
    expect(lines).toContain("Step 3/4 : RUN echo $GREETING");
    expect(result.classic).toMatch(/ ---> Running in [0-9a-f]{12}\nhello\n ---> Removed intermediate container/);
    expect(result.classic).toMatch(/ ---> Removed intermediate container [0-9a-f]{12}\n/);
    expect(result.classic).toMatch(/Successfully built ([0-9a-f]{12})\nSuccessfully tagged app:latest\n$/);
    const id = /Successfully built ([0-9a-f]{12})/.exec(result.classic)![1]!;
    const aux = result.messages.filter((m) => m.aux && "ID" in m.aux);
    expect((aux.at(-1)!.aux as { ID: string }).ID.slice(7, 19)).toBe(id);
    const inspect = (await engine.request("GET", "/images/app/json")).json() as { Id: string; Config: { Env: string[]; Cmd: string[] } };
    expect(inspect.Id.slice(7, 19)).toBe(id);
    expect(inspect.Config.Env).toContain("GREETING=hello");
    expect(inspect.Config.Cmd).toEqual(["sh"]);
  });

  it("runs RUN through SHELL with the stage's ENV and ARGs, and records the ARGs in the history", async () => {
    const seen: string[][] = [];
    const engine = await fakeEngine({ programs: { "/bin/sh": (p) => void seen.push([...p.args, ...p.env.filter((e) => /^(V|W)=/.test(e))]) } });
    const result = await build(engine, { Dockerfile: "FROM busybox\nARG V=1\nENV W=2\nRUN echo $V $W\n" }, "t=app&buildargs=%7B%22V%22%3A%229%22%7D");
    expect(result.error).toBeUndefined();
    expect(seen).toEqual([["/bin/sh", "-c", "echo $V $W", "W=2", "V=9"]]);
    const history = (await engine.request("GET", "/images/app/history")).json() as { CreatedBy: string }[];
    expect(history[0]!.CreatedBy).toBe("|1 V=9 /bin/sh -c echo $V $W");
    expect(history[1]!.CreatedBy).toBe("/bin/sh -c #(nop)  ENV W=2");
  });

  it("uses the cache for unchanged steps and rebuilds from the first change", async () => {
    let runs = 0;
    const engine = await fakeEngine({ programs: { "/bin/sh": () => void runs++ } });
    const dockerfile = "FROM busybox\nRUN one\nCOPY a.txt /a.txt\nRUN two\n";
    const first = await build(engine, { Dockerfile: dockerfile, "a.txt": "A" });
    expect(runs).toBe(2);
    expect(first.classic).not.toContain("Using cache");
    const again = await build(engine, { Dockerfile: dockerfile, "a.txt": "A" });
    expect(runs).toBe(2);
    expect(again.classic.match(/ ---> Using cache/g)).toHaveLength(3);
    expect(again.vertices.filter((v) => v.cached).map((v) => v.name)).toEqual(["[2/4] RUN one", "[3/4] COPY a.txt /a.txt", "[4/4] RUN two"]);
    expect(/Successfully built (\w+)/.exec(again.classic)![1]).toBe(/Successfully built (\w+)/.exec(first.classic)![1]);
    const changed = await build(engine, { Dockerfile: dockerfile, "a.txt": "B" });
    expect(runs).toBe(3);
    expect(changed.classic.match(/ ---> Using cache/g)).toHaveLength(1);
    const noCache = await build(engine, { Dockerfile: dockerfile, "a.txt": "B" }, "t=app&nocache=1");
    expect(runs).toBe(5);
    expect(noCache.classic).not.toContain("Using cache");
  });

  it("leaves the image a rebuilt tag moved from dangling", async () => {
    const engine = await fakeEngine();
    await build(engine, { Dockerfile: "FROM busybox\nLABEL v=1\n" });
    await build(engine, { Dockerfile: "FROM busybox\nLABEL v=2\n" });
    const images = (await engine.request("GET", "/images/json")).json() as { RepoTags: string[] }[];
    expect(images.filter((i) => i.RepoTags.length === 0)).toHaveLength(1);
    expect(images.filter((i) => i.RepoTags.includes("app:latest"))).toHaveLength(1);
  });

  it("copies files with their modes into the layer, under WORKDIR, owned by root", async () => {
    const blobs = new MemoryBlobStore();
    const engine = await fakeEngine({ stores: { kv: new MemoryKvStore(), blobs } });
    const result = await build(engine, [
      { name: "Dockerfile", body: "FROM busybox\nWORKDIR /app\nCOPY run.sh .\nCOPY src/ ./src/\nCOPY --chown=1:2 --chmod=600 src/main.txt /etc/\n" },
      { name: "run.sh", body: "#!/bin/sh\necho hi\n", mode: 0o755, uid: 1000 },
      { name: "src/", type: "directory" },
      { name: "src/main.txt", body: "main" },
    ]);
    expect(result.error).toBeUndefined();
    const inspect = (await engine.request("GET", "/images/app/json")).json() as { Config: { WorkingDir: string }; RootFS: { Layers: string[] } };
    expect(inspect.Config.WorkingDir).toBe("/app");
    const [, workdir, script, src, chowned] = inspect.RootFS.Layers;
    const entries = async (diffId: string) => {
      const out: string[] = [];
      for await (const e of readTar(once(await blobs.get(diffId)))) out.push(`${e.name} ${e.mode.toString(8)} ${e.uid}:${e.gid}${e.type === "file" ? ` ${new TextDecoder().decode(e.body)}` : ""}`);
      return out;
    };
    expect(await entries(workdir!)).toEqual(["app/ 755 0:0"]);
    expect(await entries(script!)).toEqual(["app/ 755 0:0", "app/run.sh 755 0:0 #!/bin/sh\necho hi\n"]);
    expect(await entries(src!)).toEqual(["app/ 755 0:0", "app/src/ 755 0:0", "app/src/main.txt 644 0:0 main"]);
    // /etc is busybox's: its attributes are kept as the image has them.
    expect(await entries(chowned!)).toEqual(["etc/ 755 0:0", "etc/main.txt 600 1:2 main"]);
  });

  it("ends a failed RUN with the classic error and the exit code, and keeps no image", async () => {
    const engine = await fakeEngine({ programs: { "/bin/sh": (p) => (p.args[2] === "exit 3" ? 3 : 0) } });
    const result = await build(engine, { Dockerfile: "FROM busybox\nRUN exit 3\n" });
    expect(result.status).toBe(200);
    expect(result.error?.errorDetail).toEqual({ code: 3, message: "The command '/bin/sh -c exit 3' returned a non-zero code: 3" });
    expect(result.vertices.find((v) => v.name === "[2/2] RUN exit 3")?.error).toBe('process "/bin/sh -c exit 3" did not complete successfully: exit code: 3');
    expect((await engine.request("GET", "/images/app/json")).status).toBe(404);
    expect((await engine.request("GET", "/containers/json?all=1")).json()).toEqual([]);
  });

  it("refuses before any output: a parse error, a missing Dockerfile, an unknown target, an option it does not do", async () => {
    const engine = await fakeEngine();
    const parse = await build(engine, { Dockerfile: "FROM busybox\nRUNN x\n" });
    expect(parse.status).toBe(400);
    expect(JSON.parse(parse.text).message).toBe("dockerfile parse error on line 2: unknown instruction: RUNN (did you mean RUN?)");
    const missing = await build(engine, { "other.txt": "x" });
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.text).message).toBe("Cannot locate specified Dockerfile: Dockerfile");
    const target = await build(engine, { Dockerfile: "FROM busybox AS base\n" }, "target=nope");
    expect(JSON.parse(target.text).message).toBe("failed to reach build target nope in Dockerfile");
    const memory = await build(engine, { Dockerfile: "FROM busybox\n" }, "memory=1000000");
    expect(memory.status).toBe(501);
    const buildkit = await build(engine, { Dockerfile: "FROM busybox\n" }, "version=2");
    expect(buildkit.status).toBe(501);
  });

  it("refuses a context over the limit by its length, before reading it", async () => {
    const engine = await fakeEngine();
    let read = false;
    const response = await engine.handle({
      method: "POST",
      path: "/build",
      query: new URLSearchParams(),
      headers: new Map(),
      body: { length: MAX_BUILD_CONTEXT + 1, read: async () => ((read = true), undefined), [Symbol.asyncIterator]: async function* () { read = true; } },
      signal: new AbortController().signal,
    });
    expect(response.status).toBe(413);
    expect(read).toBe(false);
  });

  it("builds only the stages the target needs, and COPY --from takes a stage's files", async () => {
    let runs: string[] = [];
    const engine = await fakeEngine({ programs: { "/bin/sh": (p) => void runs.push(p.args[2]!) } });
    const dockerfile = "FROM busybox AS unused\nRUN skipped\nFROM busybox AS build\nRUN compile\nFROM busybox\nCOPY --from=build /etc/image /usr/local/image\nRUN final\n";
    const result = await build(engine, { Dockerfile: dockerfile });
    expect(result.error).toBeUndefined();
    expect(runs).toEqual(["compile", "final"]);
    expect(result.classic).toContain("Step 1/5 : FROM busybox AS build");
    expect(result.vertices.map((v) => v.name)).toContain("[stage-2 2/3] COPY --from=build /etc/image /usr/local/image");
    runs = [];
    await build(engine, { Dockerfile: dockerfile }, "t=b&target=build");
    expect(runs).toEqual([]);
  });

  it("keeps the cache when the image goes, lists it in system df, and frees it with POST /build/prune", async () => {
    let runs = 0;
    const engine = await fakeEngine({ programs: { "/bin/sh": () => void runs++ } });
    const files = { Dockerfile: "FROM busybox\nRUN one\nCOPY a.txt /\n", "a.txt": "A" };
    await build(engine, files);
    expect((await engine.request("DELETE", "/images/app")).status).toBe(200);
    const df = (await engine.request("GET", "/system/df")).json() as { BuildCache: { Description: string; Shared: boolean; Size: number }[] };
    // The fake runtime's RUN changes nothing, and so makes no layer (as Docker records it): only COPY's is cache to count.
    expect(df.BuildCache.map((r) => [r.Description.replace(/[0-9a-f]{64}/, "<sum>"), r.Shared])).toEqual([["/bin/sh -c #(nop) COPY file:<sum> in / ", false]]);
    await build(engine, files);
    expect(runs).toBe(1);
    const pruned = (await engine.request("POST", "/build/prune")).json() as { CachesDeleted: string[] | null; SpaceReclaimed: number };
    // Every cached layer is the rebuilt image's again: nothing dangles, nothing goes.
    expect(pruned).toEqual({ CachesDeleted: null, SpaceReclaimed: 0 });
    await engine.request("DELETE", "/images/app");
    const all = (await engine.request("POST", "/build/prune?all=1")).json() as { CachesDeleted: string[]; SpaceReclaimed: number };
    expect(all.CachesDeleted).toHaveLength(1);
    expect(all.SpaceReclaimed).toBeGreaterThan(0);
    await build(engine, files);
    expect(runs).toBe(2);
  });

  it("stops a build whose client went away: the step's container killed and removed, no image", async () => {
    const client = new AbortController();
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const engine = await fakeEngine({
      programs: {
        "/bin/sh": (p) =>
          new Promise<void>((resolve) => {
            started();
            p.ended.addEventListener("abort", () => resolve());
          }),
      },
    });
    const result = build(engine, { Dockerfile: "FROM busybox\nRUN sleep 1000\n" }, "t=app", client.signal);
    await running;
    expect(engine.runtime.ids()).toHaveLength(1);
    client.abort();
    const { error } = await result;
    expect(error?.errorDetail?.message).toBe("the build was cancelled: the client went away");
    expect(engine.runtime.ids()).toEqual([]);
    expect((await engine.request("GET", "/images/app/json")).status).toBe(404);
  });

  it("ADD unpacks a local tar (gzip too) and refuses a URL", async () => {
    const blobs = new MemoryBlobStore();
    const engine = await fakeEngine({ stores: { kv: new MemoryKvStore(), blobs } });
    const archive = gzipSync(writeTar([{ name: "pkg/", type: "directory" }, { name: "pkg/readme", body: "inside" }]));
    const result = await build(engine, [
      { name: "Dockerfile", body: "FROM busybox\nADD pkg.tar.gz /opt/\n" },
      { name: "pkg.tar.gz", body: archive },
    ]);
    expect(result.error).toBeUndefined();
    const layers = ((await engine.request("GET", "/images/app/json")).json() as { RootFS: { Layers: string[] } }).RootFS.Layers;
    const names: string[] = [];
    for await (const e of readTar(once(await blobs.get(layers.at(-1)!)))) names.push(e.name);
    expect(names).toEqual(["opt/", "opt/pkg/", "opt/pkg/readme"]);
    const url = await build(engine, { Dockerfile: "FROM busybox\nADD https://example.org/x.tgz /\n" });
    expect(url.error?.error).toContain("cannot fetch a URL");
  });

  it("sets SHELL, STOPSIGNAL, HEALTHCHECK, EXPOSE, VOLUME and ONBUILD, and runs a base's triggers in the child", async () => {
    const seen: string[][] = [];
    const engine = await fakeEngine({ programs: { "/bin/ash": (p) => void seen.push([...p.args]) } });
    const base = await build(
      engine,
      { Dockerfile: 'FROM busybox\nSHELL ["/bin/ash", "-eo"]\nSTOPSIGNAL SIGQUIT\nHEALTHCHECK --interval=5s --retries=2 CMD wget -q localhost\nEXPOSE 80 53/udp\nVOLUME /data\nONBUILD RUN echo triggered\n' },
      "t=base",
    );
    expect(base.error).toBeUndefined();
    const config = ((await engine.request("GET", "/images/base/json")).json() as { Config: Record<string, unknown> }).Config;
    expect(config).toMatchObject({
      Shell: ["/bin/ash", "-eo"],
      StopSignal: "SIGQUIT",
      Healthcheck: { Test: ["CMD-SHELL", "wget -q localhost"], Interval: 5_000_000_000, Retries: 2 },
      ExposedPorts: { "80/tcp": {}, "53/udp": {} },
      Volumes: { "/data": {} },
      OnBuild: ["RUN echo triggered"],
    });
    const child = await build(engine, { Dockerfile: "FROM base\nRUN echo child\n" }, "t=child");
    expect(child.classic).toContain("# Executing 1 build trigger\n");
    expect(seen).toEqual([["/bin/ash", "-eo", "echo triggered"], ["/bin/ash", "-eo", "echo child"]]);
    expect(((await engine.request("GET", "/images/child/json")).json() as { Config: { OnBuild: unknown } }).Config.OnBuild).toEqual([]);
  });

  it("refuses a COPY of a path outside the context, a missing file and several files into a file", async () => {
    const engine = await fakeEngine();
    const outside = await build(engine, { Dockerfile: "FROM busybox\nCOPY ../secret /\n" });
    expect(outside.error?.error).toBe("Forbidden path outside the build context: ../secret ()");
    const missing = await build(engine, { Dockerfile: "FROM busybox\nCOPY nope.txt /\n" });
    expect(missing.error?.error).toBe("COPY failed: file not found in build context or excluded by .dockerignore: stat nope.txt: file does not exist");
    const several = await build(engine, { Dockerfile: "FROM busybox\nCOPY a b /dest\n", a: "1", b: "2" });
    expect(several.error?.error).toBe("When using COPY with more than one source file, the destination must be a directory and end with a /");
    expect(several.vertices.find((v) => v.name === "[2/2] COPY a b /dest")?.error).toBe(several.error?.error);
  });

  it("counts the ARGs before the first FROM as steps, and FROM takes their values", async () => {
    const engine = await fakeEngine();
    const result = await build(engine, { Dockerfile: "ARG BASE=busybox\nFROM ${BASE}\nLABEL a=b\n" });
    expect(result.classic.split("\n").filter((line) => line.startsWith("Step"))).toEqual(["Step 1/3 : ARG BASE=busybox", "Step 2/3 : FROM ${BASE}", "Step 3/3 : LABEL a=b"]);
  });

  it("keeps WORKDIR's .. at the root, and says a FROM that expands to nothing is blank", async () => {
    const engine = await fakeEngine();
    await build(engine, { Dockerfile: "FROM busybox\nWORKDIR /a\nWORKDIR ../../x\n" });
    expect(((await engine.request("GET", "/images/app/json")).json() as { Config: { WorkingDir: string } }).Config.WorkingDir).toBe("/x");
    const blank = await build(engine, { Dockerfile: "ARG BASE\nFROM $BASE\n" });
    expect(blank.error?.error).toBe("base name ($BASE) should not be blank");
  });
});
