import { DrydockError, errorMessage } from "../../../../shared/errors";
import { ConnectError, DaemonError } from "../../../client/errors";
import { parseReference } from "../../../image/reference";
import { buildSource, type BuildSource } from "../../build/build-source";
import { followBuild, type BuildOutcome } from "../../build/build-stream";
import { sourceSnippet } from "../../build/error-report";
import { ProgressDisplay, type ProgressMode } from "../../build/progress-display";
import type { CommandContext, Verb } from "../../command";
import type { FlagSpec } from "../../flags/flag-spec";
import type { ParsedFlags } from "../../flags/parse";
import { ValueError } from "../../flags/values";
import type { CliIo } from "../../io";

/** docker build's flags (buildx's, with the classic --rm and --force-rm) that Drydock builds with. */
const FLAGS: FlagSpec[] = [
  { name: "build-arg", type: "stringArray", usage: "Set build-time variables", check: checkBuildArg },
  { name: "file", short: "f", type: "string", usage: 'Name of the Dockerfile (default: "PATH/Dockerfile")' },
  { name: "force-rm", type: "bool", usage: "Always remove intermediate containers" },
  { name: "iidfile", type: "string", usage: "Write the image ID to a file" },
  { name: "label", type: "stringArray", usage: "Set metadata for an image", check: checkLabel },
  { name: "no-cache", type: "bool", usage: "Do not use cache when building the image" },
  { name: "progress", type: "string", usage: 'Set type of progress output ("auto", "quiet", "plain", "tty"). Use plain to show container output', default: "auto" },
  { name: "pull", type: "bool", usage: "Always attempt to pull all referenced images" },
  { name: "quiet", short: "q", type: "bool", usage: "Suppress the build output and print image ID on success" },
  { name: "rm", type: "bool", usage: "Remove intermediate containers after a successful build", default: true },
  { name: "tag", short: "t", type: "stringArray", usage: 'Image identifier (format: "[registry/]repository[:tag]")', check: checkTag },
  { name: "target", type: "string", usage: "Set the target build stage to build" },
];

/** The rest of docker build's flags (buildx's and the classic builder's): refused, not ignored. */
const REFUSED: FlagSpec[] = [
  ...["check", "compress", "load", "push", "squash"].map((name): FlagSpec => ({ name, type: "bool", usage: "", unsupported: true })),
  ...[
    "add-host",
    "allow",
    "annotation",
    "attest",
    "build-context",
    "builder",
    "cache-from",
    "cache-to",
    "call",
    "cgroup-parent",
    "cpu-period",
    "cpu-quota",
    "cpuset-cpus",
    "cpuset-mems",
    "isolation",
    "memory-swap",
    "metadata-file",
    "network",
    "no-cache-filter",
    "platform",
    "provenance",
    "sbom",
    "secret",
    "security-opt",
    "shm-size",
    "ssh",
    "ulimit",
  ].map((name): FlagSpec => ({ name, type: "string", usage: "", unsupported: true })),
  { name: "cpu-shares", short: "c", type: "string", usage: "", unsupported: true },
  { name: "memory", short: "m", type: "string", usage: "", unsupported: true },
  { name: "output", short: "o", type: "string", usage: "", unsupported: true },
];

export const build: Verb = {
  name: "build",
  usage: "[OPTIONS] PATH | URL | -",
  short: "Build an image from a Dockerfile",
  args: { min: 1, max: 1 },
  flags: [...FLAGS, ...REFUSED],
  async run(context, [path], flags) {
    const { io } = context;
    try {
      return await runBuild(context, path!, flags);
    } catch (error) {
      // buildx's way: every failure is one line, "ERROR: why", and exit status 1.
      if (error instanceof DrydockError || error instanceof ConnectError) {
        await io.stderr.write(`ERROR: ${error instanceof DaemonError ? `failed to solve: ${error.message}` : error.message}\n`);
        return 1;
      }
      throw error;
    }
  },
};

async function runBuild(context: CommandContext, path: string, flags: ParsedFlags): Promise<number> {
  const { io } = context;
  const mode = progressMode(flags, io);
  const iidfile = flags.string("iidfile");
  // Not a stale ID left from the last build if this one fails.
  if (iidfile) await saying("removing image ID file", io.removeAll(iidfile));
  // Before the context is made, as buildx draws its first frame before it looks at the context.
  const display = new ProgressDisplay(mode, io.stderr, { now: () => context.now(), size: () => io.size(), noColor: Boolean(io.env.NO_COLOR) });
  let source: BuildSource;
  let outcome: BuildOutcome;
  try {
    source = await buildSource(io, path, flags.optional("file"), context.now());
    const chunks = await context.api.images.build(
      source.body,
      {
        tags: flags.list("tag"),
        dockerfile: source.dockerfile,
        buildArgs: buildArgs(flags.list("build-arg"), io.env),
        target: flags.string("target"),
        labels: Object.fromEntries(flags.list("label").map(keyValue)),
        noCache: flags.bool("no-cache"),
        quiet: mode === "quiet",
        remove: flags.bool("rm"),
        forceRemove: flags.bool("force-rm"),
        pull: flags.bool("pull"),
      },
      context.signal,
    );
    outcome = await followBuild(chunks, (progress) => display.update(progress));
  } finally {
    await display.close();
  }
  if (outcome.error !== undefined) {
    // BuildKit's words are the failed step's; the stream's error is the classic builder's, for the official CLI.
    const failed = display.trace.failed().at(-1);
    const snippet = failed?.source && source.dockerfileText !== undefined ? sourceSnippet(failed.source, source.dockerfileText) : "";
    await io.stderr.write(`${snippet}ERROR: failed to solve: ${failed?.error ?? outcome.error}\n`);
    return 1;
  }
  const id = outcome.imageId;
  if ((mode === "quiet" || iidfile) && !id) throw new DrydockError("Internal", "the daemon's build named no image");
  if (mode === "quiet") await io.stdout.write(`${id}\n`);
  if (iidfile) await saying("writing image ID file", io.writeFile(iidfile, new TextEncoder().encode(id), 0o644));
  return 0;
}

/** A failure of `work`, its message after `what` (buildx's wrapping). */
async function saying(what: string, work: Promise<void>): Promise<void> {
  try {
    await work;
  } catch (error) {
    throw new DrydockError("Internal", `${what}: ${errorMessage(error)}`);
  }
}

/** buildx's choice: quiet for -q, BUILDKIT_PROGRESS when --progress is auto, a terminal on stderr for auto or tty. */
function progressMode(flags: ParsedFlags, io: CliIo): ProgressMode {
  let mode = flags.string("progress");
  if (flags.bool("quiet")) {
    if (mode !== "auto" && mode !== "quiet") throw new DrydockError("InvalidParameter", `progress=${mode} and quiet cannot be used together`);
    return "quiet";
  }
  if (mode === "auto" && io.env.BUILDKIT_PROGRESS) mode = io.env.BUILDKIT_PROGRESS;
  switch (mode) {
    case "auto":
    case "":
      return io.stderr.isTty ? "tty" : "plain";
    case "tty":
      if (!io.stderr.isTty) throw new DrydockError("InvalidParameter", "failed to get console: provided file is not a console");
      return "tty";
    case "plain":
    case "quiet":
      return mode;
    case "rawjson":
      throw new DrydockError("NotImplemented", "Drydock does not support --progress=rawjson yet");
    default:
      throw new DrydockError("InvalidParameter", `invalid progress mode ${mode}`);
  }
}

/** docker/cli's ConvertKVStringsToMap for one entry: KEY=value, or KEY alone for an empty value. */
function keyValue(text: string): [string, string] {
  const at = text.indexOf("=");
  return at < 0 ? [text, ""] : [text.slice(0, at), text.slice(at + 1)];
}

/** NAME=value as given; NAME alone takes the client's value, or is sent as null (docker/cli's ValidateEnv, ConvertKVStringsToMapWithNil). */
function buildArgs(args: readonly string[], env: CliIo["env"]): Record<string, string | null> {
  const result: Record<string, string | null> = {};
  for (const arg of args) {
    const [name, value] = keyValue(arg);
    result[name] = arg.includes("=") ? value : (env[name] ?? null);
  }
  return result;
}

function checkBuildArg(text: string): void {
  if (text.split("=")[0] === "") throw new ValueError(`invalid environment variable: ${text}`);
}

/** docker/cli's ValidateLabel. */
export function checkLabel(text: string): void {
  const key = text.split("=")[0]!.replace(/^[ \t\n\v\f\r]+/, "");
  if (key === "") throw new ValueError(`invalid label '${text}': empty name`);
  if (/[ \t\n\v\f\r]/.test(key)) throw new ValueError(`label '${key}' contains whitespaces`);
}

/** docker/cli's validateTag: a name the daemon could store the image under. */
function checkTag(text: string): void {
  try {
    parseReference(text);
  } catch (error) {
    throw new ValueError(errorMessage(error));
  }
}
