import type { ContainerCreateBody } from "../../../../shared/engine-api/containers";
import type { CommandContext } from "../../command";
import { StatusError } from "../../errors";
import type { FlagSpec } from "../../flags/flag-spec";
import type { ParsedFlags } from "../../flags/parse";
import { ValueError } from "../../flags/values";
import { parsePortSpecs, type PortSpecs } from "../../ports/port-spec";

/** The flags run and create share (docker/cli's containerOptions, the ones Drydock honours). */
export const CREATE_FLAGS: FlagSpec[] = [
  { name: "add-host", type: "list", usage: "Add a custom host-to-IP mapping (host:ip)", check: checkExtraHost },
  { name: "cap-add", type: "list", usage: "Add Linux capabilities" },
  { name: "cap-drop", type: "list", usage: "Drop Linux capabilities" },
  { name: "cpu-period", type: "int", usage: "Limit CPU CFS (Completely Fair Scheduler) period" },
  { name: "cpu-quota", type: "int", usage: "Limit CPU CFS (Completely Fair Scheduler) quota" },
  { name: "cpu-shares", short: "c", type: "int", usage: "CPU shares (relative weight)" },
  { name: "cpus", type: "decimal", usage: "Number of CPUs" },
  { name: "device", type: "list", usage: "Add a host device to the container", check: (text) => void deviceMapping(text) },
  { name: "entrypoint", type: "string", usage: "Overwrite the default ENTRYPOINT of the image" },
  { name: "env", short: "e", type: "list", usage: "Set environment variables" },
  { name: "env-file", type: "list", usage: "Read in a file of environment variables" },
  { name: "expose", type: "list", usage: "Expose a port or a range of ports" },
  { name: "hostname", short: "h", type: "string", usage: "Container host name" },
  { name: "ip", type: "string", usage: "IPv4 address (e.g., 172.30.100.104)" },
  { name: "init", type: "bool", usage: "Run an init inside the container that forwards signals and reaps processes" },
  { name: "interactive", short: "i", type: "bool", usage: "Keep STDIN open even if not attached" },
  { name: "label", short: "l", type: "list", usage: "Set meta data on a container" },
  { name: "link", type: "list", usage: "Add link to another container", check: checkLink },
  { name: "memory", short: "m", type: "bytes", usage: "Memory limit" },
  { name: "name", type: "string", usage: "Assign a name to the container" },
  { name: "network", type: "string", usage: "Connect a container to a network" },
  { name: "network-alias", type: "list", usage: "Add network-scoped alias for the container" },
  { name: "pids-limit", type: "int", usage: "Tune container pids limit (set -1 for unlimited)" },
  { name: "privileged", type: "bool", usage: "Give extended privileges to this container" },
  { name: "publish", short: "p", type: "list", usage: "Publish a container's port(s) to the host" },
  { name: "publish-all", short: "P", type: "bool", usage: "Publish all exposed ports to random ports" },
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
  let ports: PortSpecs;
  try {
    ports = parsePortSpecs(flags.list("publish"), flags.list("expose"));
  } catch (error) {
    throw new StatusError(125, `docker: ${error instanceof Error ? error.message : String(error)}\n\nRun '${context.path} --help' for more information`);
  }
  const network = flags.optional("network") ?? "default";
  if (flags.list("network-alias").length && ["default", "bridge", "host", "none"].includes(network)) {
    throw new StatusError(125, `docker: network-scoped aliases are only supported for user-defined networks\n\nRun '${context.path} --help' for more information`);
  }
  const endpoint = {
    ...(flags.list("network-alias").length ? { Aliases: flags.list("network-alias") } : {}),
    ...(flags.optional("ip") ? { IPAMConfig: { IPv4Address: flags.string("ip") } } : {}),
  };
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
    ...(Object.keys(ports.exposed).length ? { ExposedPorts: ports.exposed } : {}),
    ...(flags.changed("stop-signal") ? { StopSignal: flags.string("stop-signal") } : {}),
    ...(flags.changed("stop-timeout") ? { StopTimeout: flags.int("stop-timeout") } : {}),
    HostConfig: {
      AutoRemove: flags.bool("rm"),
      Memory: flags.bytes("memory"),
      NanoCpus: flags.decimal("cpus"),
      CpuShares: flags.int("cpu-shares"),
      CpuPeriod: flags.int("cpu-period"),
      CpuQuota: flags.int("cpu-quota"),
      CapAdd: flags.list("cap-add"),
      CapDrop: flags.list("cap-drop"),
      Devices: flags.list("device").map(deviceMapping),
      ...(flags.changed("pids-limit") ? { PidsLimit: flags.int("pids-limit") } : {}),
      NetworkMode: network,
      ...(flags.list("add-host").length ? { ExtraHosts: flags.list("add-host") } : {}),
      ...(flags.list("link").length ? { Links: flags.list("link") } : {}),
      PortBindings: ports.bindings,
      PublishAllPorts: flags.bool("publish-all"),
      ReadonlyRootfs: flags.bool("read-only"),
      Privileged: flags.bool("privileged"),
      RestartPolicy: { Name: policy === "" ? "no" : policy, MaximumRetryCount: count ? Number(count) : 0 },
      Init: flags.changed("init") ? flags.bool("init") : null,
    },
    ...(Object.keys(endpoint).length ? { NetworkingConfig: { EndpointsConfig: { [network]: endpoint } } } : {}),
  };
}

/** --add-host NAME:IP, as docker/cli's opts.ValidateExtraHost checks it before sending. */
function checkExtraHost(text: string): void {
  const at = text.search(/[:=]/);
  if (at <= 0) throw new ValueError(`bad format for add-host: "${text}"`);
  const ip = text.slice(at + 1).replace(/^\[(.*)\]$/, "$1");
  if (ip !== "host-gateway" && !/^(\d{1,3}\.){3}\d{1,3}$/.test(ip) && !/^[0-9a-fA-F:]+:[0-9a-fA-F:.]*$/.test(ip)) throw new ValueError(`invalid IP address in add-host: "${ip}"`);
}

/** --link NAME[:ALIAS], as docker/cli's opts.ValidateLink checks it. */
function checkLink(text: string): void {
  const parts = text.split(":");
  if (parts.length > 2 || parts.some((part) => part === "")) throw new ValueError(`bad format for links: ${text}`);
}

/** --device HOST[:CONTAINER][:PERMISSIONS], as docker/cli reads it (the container path defaults to the host's, permissions to rwm). */
function deviceMapping(spec: string): { PathOnHost: string; PathInContainer: string; CgroupPermissions: string } {
  const parts = spec.split(":");
  const isMode = (text: string | undefined) => text !== undefined && /^[rwm]{1,3}$/.test(text) && new Set(text).size === text.length;
  if (parts.length > 3 || !parts[0]!.startsWith("/")) throw new ValueError(`bad format for path: ${spec}`);
  const modeSecond = parts.length === 2 && isMode(parts[1]);
  const target = parts.length >= 2 && !modeSecond ? parts[1]! : parts[0]!;
  const permissions = parts.length === 3 ? parts[2]! : modeSecond ? parts[1]! : "rwm";
  if (!target.startsWith("/")) throw new ValueError(`bad format for path: ${spec}`);
  if (!isMode(permissions)) throw new ValueError(`bad mode specified: ${permissions}`);
  return { PathOnHost: parts[0]!, PathInContainer: target, CgroupPermissions: permissions };
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
