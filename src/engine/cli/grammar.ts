// The CLI's grammar, shared by runCli and the lessons' schema test (which checks Run blocks).
import type { Group, Verb } from "./command";
import { UsageError } from "./errors";
import type { FlagSpec } from "./flags/flag-spec";
import { parseFlags } from "./flags/parse";
import { GROUPS, SHORTCUTS } from "./commands/index";

/** docker's global options, before the command. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  {
    name: "context",
    short: "c",
    type: "string",
    usage: 'Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and default context set with "docker context use")',
  },
  { name: "host", short: "H", type: "list", usage: "Daemon socket to connect to" },
  { name: "debug", short: "D", type: "bool", usage: "Enable debug mode" },
  { name: "log-level", short: "l", type: "string", usage: 'Set the logging level ("debug", "info", "warn", "error", "fatal")', default: "info" },
  { name: "version", short: "v", type: "bool", usage: "Print version information and quit" },
];

export function findVerb(group: Group, name: string): Verb | undefined {
  return group.verbs.find((v) => v.name === name || v.aliases?.includes(name));
}

/** Docker's usage errors for a verb given too few or too many arguments. */
export function checkArgs(path: string, verb: Verb, count: number): void {
  const { min = 0, max = Infinity } = verb.args ?? { max: 0 };
  const plural = (n: number) => `${n} argument${n === 1 ? "" : "s"}`;
  if (min === max && count !== min) {
    throw new UsageError(min === 0 ? `docker: '${path}' accepts no arguments` : `docker: '${path}' requires ${plural(min)}`, 1);
  }
  if (count < min) throw new UsageError(`docker: '${path}' requires at least ${plural(min)}`, 1, "See");
  if (count > max) throw new UsageError(max === 0 ? `docker: '${path}' accepts no arguments` : `docker: '${path}' requires at most ${plural(max)}`, 1);
}

/**
 * Whether the CLI would accept `docker ARGV...` (the command exists, its flags parse, it gets
 * as many arguments as it takes) without running it: the problem as the CLI words it, or
 * undefined. Lessons are checked with it, so a typo in a Run block fails a test, not a learner.
 */
export function dockerUsageProblem(argv: readonly string[]): string | undefined {
  try {
    const global = parseFlags(argv, GLOBAL_FLAGS, false);
    const [name, ...rest] = global.args;
    if (name === undefined || global.help || global.flags.bool("version") || name === "help") return undefined;
    const group = GROUPS.find((g) => g.name === name);
    let path = `docker ${name}`;
    let args = rest;
    let verb = SHORTCUTS.find((s) => s.name === name)?.verb;
    if (group) {
      const [sub, ...subArgs] = rest;
      if (sub === undefined || sub === "--help" || sub === "-h") return undefined;
      verb = findVerb(group, sub);
      path = `${path} ${sub}`;
      args = subArgs;
    }
    if (!verb) return `docker: unknown command: ${path}`;
    const parsed = parseFlags(args, verb.flags ?? [], verb.interspersed ?? true);
    if (parsed.help) return undefined;
    checkArgs(path, verb, parsed.args.length);
    return undefined;
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
}
