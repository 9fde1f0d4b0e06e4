import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { once } from "../../src/engine/layer/gunzip";
import { readTar } from "../../src/engine/layer/tar-reader";
import { writeTar, type TarWriteEntry } from "../../src/engine/layer/tar-writer";
import { MemoryBlobStore } from "../../src/engine/storage/blob-store";
import { MemoryKvStore } from "../../src/engine/storage/kv-store";
import { build } from "../support/build-request";
import { fakeEngine } from "../support/fake-engine";

// The builder where Docker's behaviour is easy to get wrong: links on the way to a destination,
// owners, what the cache must tell apart, the files .dockerignore names, bad parameters.

/** An engine whose blobs the test reads, and the entries of an image's top layer as "name mode uid:gid [body]". */
async function engineWithBlobs() {
  const blobs = new MemoryBlobStore();
  const engine = await fakeEngine({ stores: { kv: new MemoryKvStore(), blobs }, programs: { "/bin/echo": () => 0 } });
  const topLayer = async (image: string) => {
    const layers = ((await engine.request("GET", `/images/${image}/json`)).json() as { RootFS: { Layers: string[] } }).RootFS.Layers;
    const out: string[] = [];
    for await (const e of readTar(once(await blobs.get(layers.at(-1)!)))) out.push(`${e.name} ${e.mode.toString(8)} ${e.uid}:${e.gid}${e.type === "file" ? ` ${new TextDecoder().decode(e.body)}` : e.type === "symlink" ? ` -> ${e.linkname}` : ""}`);
    return out;
  };
  return { engine, topLayer };
}

/** A base image made by ADDing a tar to busybox: a /bin that links to usr/bin, a sticky /tmp, a user's file. */
async function withBase(engine: Awaited<ReturnType<typeof engineWithBlobs>>["engine"]) {
  const tree: TarWriteEntry[] = [
    { name: "usr/", type: "directory" },
    { name: "usr/bin/", type: "directory" },
    { name: "usr/bin/sh", body: "shell", mode: 0o755 },
    { name: "bin", type: "symlink", linkname: "usr/bin" },
    { name: "tmp/", type: "directory", mode: 0o1777 },
    { name: "home/", type: "directory" },
    { name: "home/app/", type: "directory", uid: 1000, gid: 1000 },
    { name: "home/app/data", body: "mine", uid: 1000, gid: 1000 },
  ];
  const result = await build(engine, [{ name: "Dockerfile", body: "FROM busybox\nADD base.tar /\n" }, { name: "base.tar", body: writeTar(tree) }], "t=base");
  expect(result.error).toBeUndefined();
}

describe("the builder's edges", () => {
  it("copies through the image's links: COPY into /bin lands in /usr/bin, and /bin stays a link", async () => {
    const { engine, topLayer } = await engineWithBlobs();
    await withBase(engine);
    expect((await build(engine, { Dockerfile: "FROM base\nCOPY tool /bin/\n", tool: "t" })).error).toBeUndefined();
    expect(await topLayer("app")).toEqual(["usr/ 755 0:0", "usr/bin/ 755 0:0", "usr/bin/tool 644 0:0 t"]);
    const workdir = await build(engine, { Dockerfile: "FROM base\nWORKDIR /bin/sub\n" }, "t=wd");
    expect(workdir.error).toBeUndefined();
    expect(await topLayer("wd")).toEqual(["usr/ 755 0:0", "usr/bin/ 755 0:0", "usr/bin/sub/ 755 0:0"]);
    const through = await build(engine, { Dockerfile: "FROM base\nCOPY tool /usr/bin/sh/x\n", tool: "t" }, "t=bad");
    expect(through.error?.error).toBe("failed to copy files: mkdir /usr/bin/sh: not a directory");
  });

  it("keeps an existing destination's attributes, and COPY --from keeps the owners", async () => {
    const { engine, topLayer } = await engineWithBlobs();
    await withBase(engine);
    const files = { Dockerfile: "FROM base AS src\nFROM busybox\nCOPY d/ /tmp/\nCOPY --from=src /home/app /home/app\n", "d/f": "x" };
    expect((await build(engine, files)).error).toBeUndefined();
    const history = ((await engine.request("GET", "/images/app/json")).json() as { RootFS: { Layers: string[] } }).RootFS.Layers;
    expect(history).toHaveLength(3);
    expect(await topLayer("app")).toEqual(["home/ 755 0:0", "home/app/ 755 1000:1000", "home/app/data 644 1000:1000 mine"]);
    const sticky = await build(engine, { Dockerfile: "FROM base\nCOPY d/ /tmp/\n", "d/f": "x" }, "t=sticky");
    expect(sticky.error).toBeUndefined();
    expect(await topLayer("sticky")).toEqual(["tmp/ 1777 0:0", "tmp/f 644 0:0 x"]);
  });

  it("follows a link in the context to its file, and copies a hard link's content", async () => {
    const { engine, topLayer } = await engineWithBlobs();
    const context = writeTar([
      { name: "Dockerfile", body: "FROM busybox\nCOPY link second /out/\n" },
      { name: "real", body: "content" },
      { name: "link", type: "symlink", linkname: "real" },
      { name: "second", type: "hardlink", linkname: "real" },
    ]);
    expect((await build(engine, context)).error).toBeUndefined();
    expect(await topLayer("app")).toEqual(["out/ 755 0:0", "out/link 644 0:0 content", "out/second 644 0:0 content"]);
  });

  it("leaves the Dockerfile and .dockerignore out of COPY when .dockerignore names them, and takes a gzip context", async () => {
    const { engine, topLayer } = await engineWithBlobs();
    const context = gzipSync(writeTar([{ name: "Dockerfile", body: "FROM busybox\nCOPY . /ctx/\n" }, { name: ".dockerignore", body: "Dockerfile\n.dockerignore\n" }, { name: "kept", body: "k" }]));
    expect((await build(engine, context)).error).toBeUndefined();
    expect(await topLayer("app")).toEqual(["ctx/ 755 0:0", "ctx/kept 644 0:0 k"]);
  });

  it("tells apart steps whose history reads alike, a changed ADD archive, and keeps config steps on a prune", async () => {
    const runs: string[][] = [];
    const engine = await fakeEngine({ programs: { "/bin/echo": (p) => void runs.push([...p.args]) } });
    await build(engine, { Dockerfile: 'FROM busybox\nRUN ["/bin/echo", "a b"]\n' });
    await build(engine, { Dockerfile: 'FROM busybox\nRUN ["/bin/echo a", "b"]\n' }).catch(() => undefined);
    expect(runs).toEqual([["/bin/echo", "a b"]]);
    const archive = (text: string) => writeTar([{ name: "f", body: text }]);
    const add = (text: string) => build(engine, [{ name: "Dockerfile", body: "FROM busybox\nADD a.tar /opt/\n" }, { name: "a.tar", body: archive(text) }]);
    await add("one");
    expect((await add("two")).classic).not.toContain("Using cache");
    const steps = { Dockerfile: "FROM busybox\nENV A=1\nCOPY f /\n", f: "f" };
    await build(engine, steps);
    await engine.request("POST", "/build/prune");
    expect((await build(engine, steps)).classic.match(/Using cache/g)).toHaveLength(2);
  });

  it("refuses a tag with a digest, labels that are not strings, and several ADD sources into a file", async () => {
    const { engine } = await engineWithBlobs();
    const digest = await build(engine, { Dockerfile: "FROM busybox\n" }, `t=app@sha256:${"a".repeat(64)}`);
    expect(digest.status).toBe(400);
    const labels = await build(engine, { Dockerfile: "FROM busybox\n" }, "labels=%7B%22a%22%3A1%7D");
    expect(labels.status).toBe(400);
    expect(JSON.parse(labels.text).message).toBe('invalid labels parameter: {"a":1}');
    const several = await build(engine, [{ name: "Dockerfile", body: "FROM busybox\nADD a.tar b /dst\n" }, { name: "a.tar", body: writeTar([{ name: "f", body: "x" }]) }, { name: "b", body: "b" }]);
    expect(several.error?.error).toBe("When using ADD with more than one source file, the destination must be a directory and end with a /");
  });

  it("commits with -c as Docker does: ENTRYPOINT clears the Cmd, several lines are each checked", async () => {
    const engine = await fakeEngine({ programs: { sleep: () => new Promise(() => undefined) } });
    await engine.pull("busybox");
    await engine.request("POST", "/containers/create?name=c", { Image: "busybox", Cmd: ["sleep", "9"] });
    const commit = async (changes: string[]) => engine.request("POST", `/commit?container=c&repo=snap&${changes.map((c) => `changes=${encodeURIComponent(c)}`).join("&")}`);
    expect((await commit(['ENTRYPOINT ["top"]'])).status).toBe(201);
    const config = ((await engine.request("GET", "/images/snap/json")).json() as { Config: { Entrypoint: string[]; Cmd: string[] | null } }).Config;
    expect([config.Entrypoint, config.Cmd]).toEqual([["top"], null]);
    const hidden = await commit(["ENV A=1\nRUN rm -rf /"]);
    expect(hidden.status).toBe(400);
    expect(JSON.parse(hidden.text).message).toBe("run is not a valid change command");
    const history = (await engine.request("GET", "/images/snap/history")).json() as { CreatedBy: string; Size: number }[];
    // Nothing changed in the container: no layer, as Docker records an empty commit.
    expect(history[0]).toMatchObject({ CreatedBy: "sleep 9", Size: 0 });
  });
});
