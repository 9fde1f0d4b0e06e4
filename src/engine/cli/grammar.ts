import { UsageError } from "./errors";
import type { FlagSpec } from "./flags/flag-spec";
import { parseFlags } from "./flags/parse";
import { GROUPS, SHORTCUTS } from "./commands/index";

/** The global options' shapes, as cli.ts declares them (names and types are all parsing needs). */
const GLOBAL_FLAGS: FlagSpec[] = [
  { name: "context", short: "c", type: "string", usage: "" },
  { name: "host", short: "H", type: "list", usage: "" },
  { name: "debug", short: "D", type: "bool", usage: "" },
  { name: "log-level", short: "l", type: "string", usage: "" },
  { name: "version", short: "v", type: "bool", usage: "" },
];

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
      verb = group.verbs.find((v) => v.name === sub || v.aliases?.includes(sub));
      path = `${path} ${sub}`;
      args = subArgs;
    }
    if (!verb) return `docker: unknown command: ${path}`;
    const parsed = parseFlags(args, verb.flags ?? [], verb.interspersed ?? true);
    if (parsed.help) return undefined;
    const { min = 0, max = Infinity } = verb.args ?? { max: 0 };
    const count = parsed.args.length;
    if (count < min) return `docker: '${path}' requires at least ${min} argument(s), got ${count}`;
    if (count > max) return `docker: '${path}' takes at most ${max} argument(s), got ${count}`;
    return undefined;
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
}
