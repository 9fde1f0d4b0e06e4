import { MAX_BUILD_CONTEXT } from "../../../shared/engine-api/build";
import { DrydockError } from "../../../shared/errors";
import type { SizedBody } from "../../client/http-connection";
import { readTar } from "../../layer/tar-reader";
import type { ClientDirEntry, CliIo } from "../io";
import { absolutePath, baseName, joinPath, relativePath } from "../../builder/go-path";
import { contextTar, type MadeFile } from "./context-tar";
import { contextTooLarge, walkContext } from "./context-walk";
import { keepBuildFiles, PatternMatcher, readDockerignore } from "../../builder/dockerignore";

/** What `docker build` sends, and what it keeps to explain a failure. */
export interface BuildSource {
  /** The context's tar. */
  body: SizedBody;
  /** The Dockerfile's path in the context (the `dockerfile` parameter), when the CLI knows it. */
  dockerfile?: string;
  /** The Dockerfile's text, for the lines an error points at. */
  dockerfileText?: string;
}

/** What of the client's side a build context is made from. */
export type SourceIo = Pick<CliIo, "cwd" | "stdin" | "readFile" | "lstatDir" | "readLimit">;

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * The build context from the command line, as docker's CLI makes it: a directory (`.`) tarred
 * where it lives with .dockerignore applied, the Dockerfile its `Dockerfile` (or `dockerfile`)
 * or `-f PATH` relative to the current directory; `-` for stdin, a tar that is the context or
 * else the Dockerfile alone; `-f -` for a Dockerfile from stdin. A Dockerfile from stdin or
 * from outside the context goes into the tar as `.dockerfile.<random>`, which the context's
 * .dockerignore then names, so that the build sees it but COPY does not. Failures are in
 * buildx's words (the verb prints them after "ERROR: ").
 */
export async function buildSource(io: SourceIo, context: string, file: string | undefined, now: number): Promise<BuildSource> {
  const mtime = Math.floor(now / 1000);
  if (context === "-") return stdinSource(io, file, mtime);
  let rootEntries: ClientDirEntry[];
  try {
    rootEntries = await io.lstatDir(context);
  } catch (error) {
    if (!(error instanceof DrydockError) || error.kind !== "NotFound") throw error;
    if (/^(https?:\/\/|git@|git:\/\/|github\.com\/)/.test(context)) {
      throw new DrydockError("NotImplemented", `Drydock's docker build takes a directory or -, not a URL: ${context}`);
    }
    throw new DrydockError("NotFound", `unable to prepare context: path ${JSON.stringify(context)} not found`);
  }
  const has = (name: string) => rootEntries.some((entry) => entry.name === name);

  let dockerfileText: string;
  let inContext: string | undefined;
  if (file === "-") {
    dockerfileText = decoder.decode(await readStdin(io));
  } else {
    // -f is relative to the current directory, not to the context.
    const path = file || joinPath(context, !has("Dockerfile") && has("dockerfile") ? "dockerfile" : "Dockerfile");
    dockerfileText = decoder.decode(await readDockerfile(io, path));
    const relative = relativePath(absolutePath(io.cwd, context), absolutePath(io.cwd, path));
    if (relative !== ".." && !relative.startsWith("../")) inContext = relative;
  }

  const ignoreFile = has(".dockerignore") ? decoder.decode(await io.readFile(joinPath(context, ".dockerignore"))) : undefined;
  let matcher: PatternMatcher;
  try {
    matcher = new PatternMatcher(keepBuildFiles(readDockerignore(ignoreFile ?? ""), inContext));
  } catch (error) {
    throw new DrydockError("InvalidParameter", `checking context: ${error instanceof Error ? error.message : String(error)}`);
  }
  const entries = await walkContext(io, context, rootEntries, matcher, { maxBytes: MAX_BUILD_CONTEXT, readLimit: io.readLimit });

  const made: MadeFile[] = [];
  let dockerfile = inContext;
  if (dockerfile === undefined) {
    dockerfile = `.dockerfile.${randomSuffix()}`;
    made.push({ path: dockerfile, data: encoder.encode(dockerfileText), mode: 0o600, mtime });
    made.push({ path: ".dockerignore", data: encoder.encode(`${ignoreFile ?? ".dockerignore"}\n${dockerfile}\n`), mode: 0o600, mtime });
  }
  return { body: contextTar(io, context, entries, made, MAX_BUILD_CONTEXT), dockerfile, dockerfileText };
}

/** `docker build -`: stdin is the context when it is a tar, else the Dockerfile of a context holding nothing else. */
async function stdinSource(io: SourceIo, file: string | undefined, mtime: number): Promise<BuildSource> {
  if (file === "-") throw new DrydockError("InvalidParameter", "invalid argument: can't use stdin for both build context and dockerfile");
  const input = await readStdin(io);
  if (isTar(input)) {
    return { body: { length: input.length, chunks: once(input) }, ...(file ? { dockerfile: file } : {}), dockerfileText: await fileInTar(input, file || "Dockerfile") };
  }
  if (isCompressed(input)) throw new DrydockError("NotImplemented", "Drydock's docker build takes a context from stdin as a tar, not a compressed one");
  if (file) throw new DrydockError("InvalidParameter", "ambiguous Dockerfile source: both stdin and flag correspond to Dockerfiles");
  const body = contextTar(io, "", [], [{ path: "Dockerfile", data: input, mode: 0o644, mtime }], MAX_BUILD_CONTEXT);
  return { body, dockerfile: "Dockerfile", dockerfileText: decoder.decode(input) };
}

async function readDockerfile(io: SourceIo, path: string): Promise<Uint8Array> {
  try {
    return await io.readFile(path);
  } catch (error) {
    if (!(error instanceof DrydockError) || error.kind !== "NotFound") throw error;
    throw new DrydockError("NotFound", `failed to solve: failed to read dockerfile: open ${baseName(path)}: no such file or directory`);
  }
}

/** All of stdin, refused past the context's limit. */
function readStdin(io: SourceIo): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const parts: Uint8Array[] = [];
    let length = 0;
    const reading = io.stdin.read(
      (bytes) => {
        length += bytes.length;
        if (length <= MAX_BUILD_CONTEXT) parts.push(bytes);
      },
      () => {
        reading.dispose();
        if (length > MAX_BUILD_CONTEXT) return reject(contextTooLarge(MAX_BUILD_CONTEXT));
        const all = new Uint8Array(length);
        let at = 0;
        for (const part of parts) {
          all.set(part, at);
          at += part.length;
        }
        resolve(all);
      },
    );
  });
}

/** A tar's first header says "ustar" at 257 (POSIX and GNU alike). */
function isTar(bytes: Uint8Array): boolean {
  return bytes.length >= 512 && decoder.decode(bytes.subarray(257, 262)) === "ustar";
}

/** gzip, bzip2, xz and zstd, which docker would send on for the daemon to unpack. */
function isCompressed(bytes: Uint8Array): boolean {
  const starts = (...magic: number[]) => magic.every((byte, i) => bytes[i] === byte);
  return starts(0x1f, 0x8b) || starts(0x42, 0x5a, 0x68) || starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00) || starts(0x28, 0xb5, 0x2f, 0xfd);
}

/** The text of one file of a context tar (its Dockerfile), if it is there. */
async function fileInTar(tar: Uint8Array, path: string): Promise<string | undefined> {
  const wanted = path.replace(/^(\.\/)+/, "");
  for await (const entry of readTar(once(tar))) {
    if (entry.type === "file" && entry.name.replace(/^(\.\/)+/, "") === wanted) return decoder.decode(entry.body);
  }
  return undefined;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** docker/cli's randomSuffix: 20 hex digits. */
function randomSuffix(): string {
  return [...crypto.getRandomValues(new Uint8Array(10))].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
