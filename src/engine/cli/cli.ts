import { errorMessage } from "../../shared/errors";
import { DRYDOCK_VERSION } from "../../shared/version";
import { DockerClient } from "../client/docker-client";
import { EngineHttpClient, type Dialer } from "../client/engine-http-client";
import type { CommandContext, Verb } from "./command";
import { Contexts } from "./context/contexts";
import { ConnectError, DaemonError } from "../client/errors";
import { StatusError, UsageError } from "./errors";
import { parseFlags } from "./flags/parse";
import { groupHelp, usageHint, verbHelp } from "./help";
import type { CliIo } from "./io";
import { GROUPS, SHORTCUTS, topHelp } from "./commands/index";
import { checkArgs, findVerb, GLOBAL_FLAGS } from "./grammar";

const DEFAULT_HOST = "unix:///var/run/docker.sock";
const SIGINT = 2;
const SIGHUP = 1;

/** The platform's way to reach a daemon at a DOCKER_HOST address (unix://..., tcp://...). */
export type Connector = (host: string) => Dialer;

export interface CliOptions {
  connect: Connector;
  /** Aborted when the client has gone away: the command stops, whatever it was doing. */
  aborted?: AbortSignal;
  /** Where the daemon is when neither -H nor DOCKER_HOST says. */
  defaultHost?: string;
  now?: () => number;
}


/**
 * The docker CLI: argv in, the daemon's answers printed as Docker prints them, the exit status
 * out. It reaches the daemon only through the Engine API (HTTP/1.1 bytes from `connect`).
 */
export async function runCli(argv: readonly string[], io: CliIo, options: CliOptions): Promise<number> {
  const write = (text: string) => io.stderr.write(text);
  let path = "docker";
  let verb: Verb | undefined;
  try {
    const global = parseFlags(argv, GLOBAL_FLAGS, false);
    const [name, ...rest] = global.args;
    const hosts = global.flags.list("host");
    if (hosts.length > 0 && global.flags.string("context")) {
      await write("conflicting options: cannot specify both --host and --context\n");
      return 1;
    }
    // Docker reads config.json before anything else, whatever the command.
    const contexts = await Contexts.open(io, { flag: global.flags.string("context"), hosts }, options.defaultHost ?? DEFAULT_HOST);
    if (global.flags.bool("version")) {
      await io.stdout.write(`Docker version ${DRYDOCK_VERSION}, build drydock\n`);
      return 0;
    }
    // `docker --help` (wherever it stands before the command) is the help, not a run.
    if (name === undefined || global.help) {
      await io.stdout.write(topHelp(GLOBAL_FLAGS, cols(io)));
      return 0;
    }
    if (name === "help") return await help(rest, io);

    const group = GROUPS.find((g) => g.name === name);
    let args = rest;
    if (group) {
      path = `docker ${group.name}`;
      const [sub, ...subArgs] = rest;
      // Asked for, the help goes to stdout; a bare `docker container` gets it on stderr.
      if (sub === undefined || sub === "--help" || sub === "-h") {
        await (sub === undefined ? io.stderr : io.stdout).write(groupHelp(path, group));
        return 0;
      }
      verb = findVerb(group, sub);
      if (!verb) {
        await write(`docker: unknown command: ${path} ${sub}\n\nUsage:  ${path}\n\nRun '${path} --help' for more information\n`);
        return 1;
      }
      path = `${path} ${sub}`;
      args = subArgs;
    } else {
      verb = SHORTCUTS.find((s) => s.name === name)?.verb;
      if (!verb) {
        await write(`docker: unknown command: docker ${name}\n\nRun 'docker --help' for more information\n`);
        return 1;
      }
      path = `docker ${name}`;
    }

    const parsed = parseFlags(args, verb.flags ?? [], verb.interspersed ?? true);
    if (parsed.help) {
      await io.stdout.write(verbHelp(path, verb, aliasesOf(verb), cols(io)));
      return 0;
    }
    checkArgs(path, verb, parsed.args.length);
    let host: string | undefined;
    if (!verb.local) {
      try {
        host = await contexts.daemonHost();
      } catch (error) {
        await write(`Failed to initialize: unable to resolve docker endpoint: ${errorMessage(error)}\n`);
        return 1;
      }
    }
    return await execute(verb, path, parsed.args, parsed.flags, io, contexts, host, options);
  } catch (error) {
    if (error instanceof UsageError) {
      await write(`${error.message}\n${usageHint(path, verb, error.hint)}`);
      return error.status;
    }
    throw error;
  }
}

async function execute(
  verb: Verb,
  path: string,
  args: string[],
  flags: Parameters<Verb["run"]>[2],
  io: CliIo,
  contexts: Contexts,
  /** The daemon's address; undefined for a local verb. */
  host: string | undefined,
  options: CliOptions,
): Promise<number> {
  let client: DockerClient | undefined;
  const api = () => {
    if (host === undefined) throw new Error(`${path} does not reach the daemon`);
    return (client ??= new DockerClient(new EngineHttpClient(options.connect(host), host, `Docker-Client/${DRYDOCK_VERSION}-drydock (linux)`)));
  };
  const aborter = new AbortController();
  let interrupted: ((status: number) => void) | undefined;
  const interruption = new Promise<number>((resolve) => (interrupted = resolve));
  // A signal nobody claims ends the client, as it ends docker's Go process.
  const traps: ((signal: number) => void)[] = [];
  const signals = io.onSignal((signal) => {
    const trap = traps.at(-1);
    if (trap) return trap(signal);
    aborter.abort();
    interrupted?.(128 + signal);
  });
  const gone = () => {
    aborter.abort();
    interrupted?.(128 + SIGHUP);
  };
  options.aborted?.addEventListener("abort", gone);
  const context: CommandContext = {
    io,
    get api() {
      return api();
    },
    contexts,
    signal: aborter.signal,
    path,
    now: options.now ?? (() => Date.now()),
    trapSignals: (handler) => {
      traps.push(handler);
      return { dispose: () => void traps.splice(traps.indexOf(handler), 1) };
    },
    out: (text) => io.stdout.write(text),
    err: (text) => io.stderr.write(text),
  };
  try {
    return await Promise.race([verb.run(context, args, flags), interruption]);
  } catch (error) {
    if (error instanceof StatusError) {
      if (error.message) await io.stderr.write(`${error.message}\n`);
      return error.status;
    }
    if (error instanceof DaemonError) {
      await io.stderr.write(`${error.line}\n`);
      return 1;
    }
    if (error instanceof ConnectError) {
      await io.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (aborter.signal.aborted) return 128 + SIGINT;
    await io.stderr.write(`${errorMessage(error)}\n`);
    return 1;
  } finally {
    signals.dispose();
    options.aborted?.removeEventListener("abort", gone);
    // Whatever the verb left open (a wait, an attach) closes with it, as a process's sockets do.
    aborter.abort();
    client?.close();
  }
}

/** Every path a verb answers to, as Docker's help lists them. */
function aliasesOf(verb: Verb): string[] {
  const paths: string[] = [];
  for (const group of GROUPS) {
    if (!group.verbs.includes(verb)) continue;
    for (const name of [verb.name, ...(verb.aliases ?? [])]) paths.push(`docker ${group.name} ${name}`);
  }
  for (const shortcut of SHORTCUTS) if (shortcut.verb === verb) paths.push(`docker ${shortcut.name}`);
  return paths;
}

async function help(args: string[], io: CliIo): Promise<number> {
  const [name, sub] = args;
  const group = GROUPS.find((g) => g.name === name);
  if (group && sub === undefined) {
    await io.stdout.write(groupHelp(`docker ${group.name}`, group));
    return 0;
  }
  const verb = group ? findVerb(group, sub!) : SHORTCUTS.find((s) => s.name === name)?.verb;
  if (!verb) {
    await io.stdout.write(topHelp(GLOBAL_FLAGS, cols(io)));
    return name === undefined ? 0 : 1;
  }
  await io.stdout.write(verbHelp(group ? `docker ${group.name} ${sub}` : `docker ${name}`, verb, aliasesOf(verb), cols(io)));
  return 0;
}

function cols(io: CliIo): number {
  return io.size()?.cols || 80;
}
