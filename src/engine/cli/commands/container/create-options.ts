import type { ContainerCreateBody } from "../../../../shared/engine-api";
import type { CommandContext } from "../../command";
import { StatusError } from "../../errors";
import type { FlagSpec } from "../../flags/flag-spec";
import type { ParsedFlags } from "../../flags/parse";

/** The flags run and create share (docker/cli's containerOptions, the ones Drydock honours). */
export const CREATE_FLAGS: FlagSpec[] = [
  { name: "cpu-shares", short: "c", type: "int", usage: "CPU shares (relative weight)" },
  { name: "cpus", type: "decimal", usage: "Number of CPUs" },
  { name: "entrypoint", type: "string", usage: "Overwrite the default ENTRYPOINT of the image" },
  { name: "env", short: "e", type: "list", usage: "Set environment variables" },
  { name: "env-file", type: "list", usage: "Read in a file of environment variables" },
  { name: "hostname", short: "h", type: "string", usage: "Container host name" },
  { name: "init", type: "bool", usage: "Run an init inside the container that forwards signals and reaps processes" },
  { name: "interactive", short: "i", type: "bool", usage: "Keep STDIN open even if not attached" },
  { name: "label", short: "l", type: "list", usage: "Set meta data on a container" },
  { name: "memory", short: "m", type: "bytes", usage: "Memory limit" },
  { name: "name", type: "string", usage: "Assign a name to the container" },
  { name: "network", type: "string", usage: "Connect a container to a network" },
  { name: "pids-limit", type: "int", usage: "Tune container pids limit (set -1 for unlimited)" },
  { name: "privileged", type: "bool", usage: "Give extended privileges to this container" },
  { name: "pull", type: "string", usage: 'Pull image before creating ("always", "missing", "never")', default: "missing" },
  { name: "read-only", type: "bool", usage: "Mount the container's root filesystem as read only" },
  { name: "restart", type: "string", usage: "Restart policy to apply when a container exits", default: "no" },
  { name: "rm", type: "bool", usage: "Automatically remove the container and its associated anonymous volumes when it exits" },
  { name: "stop-signal", type: "string", usage: "Signal to stop the container" },
  { name: "stop-timeout", type: "int", usage: "Timeout (in seconds) to stop a container" },
  { name: "tty", short: "t", type: "bool", usage: "Allocate a pseudo-TTY" },
  { name: "user", short: "u", type: "string", usage: "Username or UID (format: <name|uid>[:<group|gid>])" },
  { name: "workdir", short: "w", type: "string", usage: "Working directory inside the container" },
];

/** The body of POST /containers/create from the command line, as docker/cli builds it. */
export async function createBody(context: CommandContext, image: string, command: string[], flags: ParsedFlags, attach: { stdin: boolean; stdout: boolean; stderr: boolean }): Promise<ContainerCreateBody> {
  const restart = flags.string("restart");
  if (flags.bool("rm") && restart !== "" && restart !== "no") throw new StatusError(125, "docker: conflicting options: cannot specify both --restart and --rm\n\nRun 'docker run --help' for more information");
  const [policy, count] = restart.split(":");
  const labels: Record<string, string> = {};
  for (const label of flags.list("label")) {
    const at = label.indexOf("=");
    labels[at < 0 ? label : label.slice(0, at)] = at < 0 ? "" : label.slice(at + 1);
  }
  const interactive = flags.bool("interactive");
  const entrypoint = flags.optional("entrypoint");
  return {
    Hostname: flags.string("hostname"),
    User: flags.string("user"),
    AttachStdin: attach.stdin,
    AttachStdout: attach.stdout,
    AttachStderr: attach.stderr,
    Tty: flags.bool("tty"),
    OpenStdin: interactive,
    StdinOnce: attach.stdin,
    Env: [...(await envFiles(context, flags.list("env-file"))), ...environment(flags.list("env"), context.io.env)],
    Cmd: command.length ? command : null,
    Image: image,
    WorkingDir: flags.string("workdir"),
    Entrypoint: entrypoint === undefined ? null : entrypoint === "" ? [""] : [entrypoint],
    Labels: labels,
    ...(flags.changed("stop-signal") ? { StopSignal: flags.string("stop-signal") } : {}),
    ...(flags.changed("stop-timeout") ? { StopTimeout: flags.int("stop-timeout") } : {}),
    HostConfig: {
      AutoRemove: flags.bool("rm"),
      Memory: flags.bytes("memory"),
      NanoCpus: flags.decimal("cpus"),
      CpuShares: flags.int("cpu-shares"),
      ...(flags.changed("pids-limit") ? { PidsLimit: flags.int("pids-limit") } : {}),
      NetworkMode: flags.optional("network") ?? "default",
      ReadonlyRootfs: flags.bool("read-only"),
      Privileged: flags.bool("privileged"),
      RestartPolicy: { Name: policy === "" ? "no" : policy, MaximumRetryCount: count ? Number(count) : 0 },
      Init: flags.changed("init") ? flags.bool("init") : null,
    },
  };
}

/** -e NAME=value as given; -e NAME takes NAME's value from the client's environment, if set. */
function environment(entries: readonly string[], env: CommandContext["io"]["env"]): string[] {
  return entries.flatMap((entry) => {
    if (entry.includes("=")) return [entry];
    const value = env[entry];
    return value === undefined ? [] : [`${entry}=${value}`];
  });
}

/** --env-file: one NAME=value per line, # comments and blank lines skipped. */
async function envFiles(context: CommandContext, paths: readonly string[]): Promise<string[]> {
  const entries: string[] = [];
  for (const path of paths) {
    const text = new TextDecoder().decode(await context.io.readFile(path).catch((error: unknown) => {
      throw new StatusError(125, `docker: ${error instanceof Error ? error.message : String(error)}\n\nRun '${context.path} --help' for more information`);
    }));
    for (const line of text.split(/\r?\n/)) {
      const trimmed = line.trimStart();
      if (trimmed === "" || trimmed.startsWith("#")) continue;
      if (/\s/.test(trimmed.split("=")[0]!)) throw new StatusError(125, `docker: variable '${trimmed.split("=")[0]}' contains whitespaces\n\nRun '${context.path} --help' for more information`);
      entries.push(...environment([trimmed], context.io.env));
    }
  }
  return entries;
}
