// docker build's context as the CLI makes it: a directory of this machine walked through
// CliIo.lstatDir with .dockerignore applied (what it excludes never listed), tarred as docker's
// CLI tars it; stdin as the context or the Dockerfile; -f inside and outside the context.
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { clientFiles } from "../../../node/client-files";
import { DrydockError } from "../../../shared/errors";
import type { SizedBody } from "../../client/http-connection";
import { readTar, type TarEntry } from "../../layer/tar-reader";
import { writeTar } from "../../layer/tar-writer";
import type { ClientDirEntry } from "../io";
import { buildSource, type SourceIo } from "./build-source";

const NOW = Date.UTC(2026, 0, 2);
const MTIME = 1_700_000_000;

/** A directory tree under a fresh temporary directory: a string is a file, an object a directory, `{ link }` a symbolic link. */
type Tree = { [name: string]: string | Tree | { link: string } };

function makeTree(tree: Tree): string {
  const root = mkdtempSync(join(tmpdir(), "drydock-context-"));
  const make = (dir: string, node: Tree) => {
    for (const [name, value] of Object.entries(node)) {
      const path = join(dir, name);
      if (typeof value === "string") writeFileSync(path, value);
      else if ("link" in value && typeof value.link === "string") symlinkSync(value.link, path);
      else {
        mkdirSync(path);
        make(path, value as Tree);
      }
      if (!(typeof value === "object" && "link" in value)) utimesSync(path, MTIME, MTIME);
    }
  };
  make(root, tree);
  utimesSync(root, MTIME, MTIME);
  return root;
}

/** The client's side at `cwd` (this machine's files), stdin holding `stdin`, the directories it listed. */
function clientAt(cwd: string, stdin: Uint8Array = new Uint8Array(0), readLimit?: number): SourceIo & { listed: string[] } {
  const files = clientFiles(cwd);
  const listed: string[] = [];
  return {
    cwd,
    listed,
    readLimit,
    readFile: files.readFile,
    lstatDir: (path) => {
      listed.push(path);
      return files.lstatDir(path);
    },
    stdin: {
      isTty: false,
      read(onData, onEnd) {
        queueMicrotask(() => {
          if (stdin.length) onData(stdin);
          onEnd();
        });
        return { dispose: () => undefined };
      },
    },
  };
}

async function entriesOf(body: SizedBody): Promise<TarEntry[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body.chunks) chunks.push(chunk);
  const length = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  expect(length).toBe(body.length);
  const entries: TarEntry[] = [];
  for await (const entry of readTar(replay(chunks))) entries.push(entry);
  return entries;
}

async function* replay(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* chunks;
}

const text = (entry: TarEntry | undefined) => new TextDecoder().decode(entry?.body);
const failure = (promise: Promise<unknown>) => promise.then(() => "built", (error: unknown) => (error instanceof DrydockError ? `${error.kind}: ${error.message}` : String(error)));

describe("a directory as the build context", () => {
  it("is tarred with relative paths, directories, modes, mtimes and symbolic links, owned by root", async () => {
    const dir = makeTree({ Dockerfile: "FROM busybox\n", app: { "main.sh": "echo hi\n", lib: { "x.txt": "x" } }, latest: { link: "app/main.sh" } });
    chmodSync(join(dir, "app", "main.sh"), 0o755);
    const source = await buildSource(clientAt(dir), ".", undefined, NOW);
    expect(source.dockerfile).toBe("Dockerfile");
    expect(source.dockerfileText).toBe("FROM busybox\n");
    const entries = await entriesOf(source.body);
    expect(entries.map((e) => [e.name, e.type, e.mode.toString(8), e.mtime, e.uid, e.gid, e.linkname])).toEqual([
      ["Dockerfile", "file", "644", MTIME, 0, 0, ""],
      ["app/", "directory", "755", MTIME, 0, 0, ""],
      ["app/lib/", "directory", "755", MTIME, 0, 0, ""],
      ["app/lib/x.txt", "file", "644", MTIME, 0, 0, ""],
      ["app/main.sh", "file", "755", MTIME, 0, 0, ""],
      ["latest", "symlink", "777", expect.any(Number), 0, 0, "app/main.sh"],
    ]);
    expect(text(entries.find((e) => e.name === "app/main.sh"))).toBe("echo hi\n");
  });

  it("leaves out what .dockerignore excludes, never listing an excluded directory, but sends the Dockerfile and .dockerignore", async () => {
    const dir = makeTree({
      Dockerfile: "FROM busybox\n",
      ".dockerignore": "# the usual\nnode_modules\n*.log\n!keep.log\nDockerfile\n.dockerignore\n.git\n",
      node_modules: { left: { "pad.js": "x" } },
      ".git": { HEAD: "ref" },
      "a.log": "",
      "keep.log": "kept",
      src: { "index.js": "1", "debug.log": "" },
    });
    const client = clientAt(dir);
    const entries = await entriesOf((await buildSource(client, ".", undefined, NOW)).body);
    expect(entries.map((e) => e.name)).toEqual([".dockerignore", "Dockerfile", "keep.log", "src/", "src/debug.log", "src/index.js"]);
    expect(client.listed).toEqual([".", "src"]);
  });

  it("walks into an excluded directory only for an exception inside it, sending just what it lets back", async () => {
    const dir = makeTree({ Dockerfile: "FROM busybox\n", ".dockerignore": "vendor\n!vendor/keep\n", vendor: { keep: { "a.go": "a" }, drop: { "b.go": "b" } } });
    const client = clientAt(dir);
    const entries = await entriesOf((await buildSource(client, ".", undefined, NOW)).body);
    expect(entries.map((e) => e.name)).toEqual([".dockerignore", "Dockerfile", "vendor/keep/", "vendor/keep/a.go"]);
    expect(client.listed).toEqual([".", "vendor", "vendor/keep"]);
  });

  it("takes a lowercase dockerfile when there is no Dockerfile, and -f relative to the current directory", async () => {
    const dir = makeTree({ ctx: { dockerfile: "FROM lower\n", sub: { "app.Dockerfile": "FROM sub\n" } } });
    const lower = await buildSource(clientAt(dir), "ctx", undefined, NOW);
    expect([lower.dockerfile, lower.dockerfileText]).toEqual(["dockerfile", "FROM lower\n"]);
    const sub = await buildSource(clientAt(dir), "ctx", "ctx/sub/app.Dockerfile", NOW);
    expect([sub.dockerfile, sub.dockerfileText]).toEqual(["sub/app.Dockerfile", "FROM sub\n"]);
    const absolute = await buildSource(clientAt("/"), join(dir, "ctx"), join(dir, "ctx/sub/app.Dockerfile"), NOW);
    expect(absolute.dockerfile).toBe("sub/app.Dockerfile");
  });

  it("adds a Dockerfile from outside the context under a generated name that .dockerignore then names", async () => {
    const dir = makeTree({ "outside.Dockerfile": "FROM outside\n", ctx: { "a.txt": "a", ".dockerignore": "*.tmp" } });
    const source = await buildSource(clientAt(dir), "ctx", "outside.Dockerfile", NOW);
    expect(source.dockerfile).toMatch(/^\.dockerfile\.[0-9a-f]{20}$/);
    const entries = await entriesOf(source.body);
    expect(entries.map((e) => e.name)).toEqual([".dockerignore", "a.txt", source.dockerfile]);
    expect(text(entries[0])).toBe(`*.tmp\n${source.dockerfile}\n`);
    expect(entries[2]).toMatchObject({ mode: 0o600, mtime: Math.floor(NOW / 1000) });
    expect(text(entries[2])).toBe("FROM outside\n");
  });

  it("adds a Dockerfile from stdin (-f -) the same way, with a .dockerignore of its own when the context has none", async () => {
    const dir = makeTree({ "a.txt": "a" });
    const source = await buildSource(clientAt(dir, new TextEncoder().encode("FROM stdin\n")), ".", "-", NOW);
    const entries = await entriesOf(source.body);
    expect(entries.map((e) => e.name)).toEqual(["a.txt", source.dockerfile, ".dockerignore"]);
    expect(text(entries[2])).toBe(`.dockerignore\n${source.dockerfile}\n`);
    expect(source.dockerfileText).toBe("FROM stdin\n");
  });

  it("says what is missing in buildx's words", async () => {
    const dir = makeTree({ empty: {}, "file.txt": "x" });
    expect(await failure(buildSource(clientAt(dir), "nope", undefined, NOW))).toBe('NotFound: unable to prepare context: path "nope" not found');
    expect(await failure(buildSource(clientAt(dir), "file.txt", undefined, NOW))).toBe('NotFound: unable to prepare context: path "file.txt" not found');
    expect(await failure(buildSource(clientAt(dir), "https://github.com/docker/welcome-to-docker.git", undefined, NOW))).toBe(
      "NotImplemented: Drydock's docker build takes a directory or -, not a URL: https://github.com/docker/welcome-to-docker.git",
    );
    expect(await failure(buildSource(clientAt(dir), "empty", undefined, NOW))).toBe("NotFound: failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory");
    expect(await failure(buildSource(clientAt(dir), "empty", "app.Dockerfile", NOW))).toBe("NotFound: failed to solve: failed to read dockerfile: open app.Dockerfile: no such file or directory");
  });

  it("refuses a malformed .dockerignore pattern", async () => {
    const dir = makeTree({ Dockerfile: "FROM x\n", ".dockerignore": "[\n" });
    expect(await failure(buildSource(clientAt(dir), ".", undefined, NOW))).toBe("InvalidParameter: checking context: syntax error in pattern");
  });

  it("refuses a file over what the client can read (the guest shim's 8 MiB) unless it is excluded", async () => {
    const dir = makeTree({ Dockerfile: "FROM x\n", data: { "big.bin": "0123456789ABCDEF" } });
    expect(await failure(buildSource(clientAt(dir, undefined, 8), ".", undefined, NOW))).toBe(
      "InvalidParameter: data/big.bin is 16B, and the guest's docker command sends files of at most 8B in a build context (leave it out with .dockerignore)",
    );
    writeFileSync(join(dir, ".dockerignore"), "data\n");
    expect(await failure(buildSource(clientAt(dir, undefined, 8), ".", undefined, NOW))).toBe("built");
  });

  it("refuses a context over the daemon's limit while it walks it, before reading a file", async () => {
    const huge = (name: string): ClientDirEntry => ({ name, type: "file", mode: 0o644, size: 100 * 1024 * 1024, mtime: 0 });
    let reads = 0;
    const io: SourceIo = {
      cwd: "/",
      stdin: { isTty: false, read: () => ({ dispose: () => undefined }) },
      lstatDir: async (path) => (path === "ctx" ? [huge("a.iso"), huge("b.iso"), { name: "Dockerfile", type: "file", mode: 0o644, size: 7, mtime: 0 }] : []),
      readFile: async () => {
        reads++;
        return new TextEncoder().encode("FROM x\n");
      },
    };
    expect(await failure(buildSource(io, "ctx", undefined, NOW))).toBe("InvalidParameter: the build context is over 128MiB, the most Drydock's daemon takes (leave out what the build does not need with .dockerignore)");
    expect(reads).toBe(1);
  });

  it("fails a file that changed size between the walk and its turn in the tar", async () => {
    const dir = makeTree({ Dockerfile: "FROM x\n", "grows.txt": "1" });
    const source = await buildSource(clientAt(dir), ".", undefined, NOW);
    writeFileSync(join(dir, "grows.txt"), "12345");
    await expect(entriesOf(source.body)).rejects.toThrow("grows.txt changed while the build context was sent (1 bytes, now 5)");
  });
});

describe("stdin as the build context (docker build -)", () => {
  const encoder = new TextEncoder();

  it("sends a tar as it is, its Dockerfile read for the error snippet", async () => {
    const tar = writeTar([
      { name: "Dockerfile", body: "FROM tar\n" },
      { name: "app.txt", body: "x" },
    ]);
    const source = await buildSource(clientAt("/", tar), "-", undefined, NOW);
    expect([source.body.length, source.dockerfile, source.dockerfileText]).toEqual([tar.length, undefined, "FROM tar\n"]);
    const named = await buildSource(clientAt("/", tar), "-", "app.txt", NOW);
    expect([named.dockerfile, named.dockerfileText]).toEqual(["app.txt", "x"]);
  });

  it("takes anything else as the Dockerfile of a context that holds nothing more", async () => {
    const source = await buildSource(clientAt("/", encoder.encode("FROM busybox\nRUN echo hi\n")), "-", undefined, NOW);
    expect(source.dockerfile).toBe("Dockerfile");
    const entries = await entriesOf(source.body);
    expect(entries.map((e) => [e.name, e.mode.toString(8), text(e)])).toEqual([["Dockerfile", "644", "FROM busybox\nRUN echo hi\n"]]);
  });

  it("refuses what docker refuses, and a compressed context", async () => {
    expect(await failure(buildSource(clientAt("/"), "-", "-", NOW))).toBe("InvalidParameter: invalid argument: can't use stdin for both build context and dockerfile");
    expect(await failure(buildSource(clientAt("/", encoder.encode("FROM x\n")), "-", "Dockerfile", NOW))).toBe("InvalidParameter: ambiguous Dockerfile source: both stdin and flag correspond to Dockerfiles");
    expect(await failure(buildSource(clientAt("/", Uint8Array.of(0x1f, 0x8b, 8, 0)), "-", undefined, NOW))).toBe("NotImplemented: Drydock's docker build takes a context from stdin as a tar, not a compressed one");
  });
});
