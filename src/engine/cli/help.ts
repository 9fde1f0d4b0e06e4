import type { FlagSpec } from "./flags/flag-spec";
import type { Group, Verb } from "./command";

/**
 * pflag's FlagUsagesWrapped, the Options block of Docker's help: names and value types in a
 * column, the usage wrapped beside them to the terminal's width less one.
 */
export function flagUsages(flags: readonly FlagSpec[], cols: number): string {
  const all = flags.filter((flag) => !flag.unsupported).sort((a, b) => a.name.localeCompare(b.name));
  const rows = all.map((flag) => {
    let left = flag.short ? `  -${flag.short}, --${flag.name}` : `      --${flag.name}`;
    if (flag.type !== "bool") left += ` ${flag.type}`;
    let usage = flag.usage;
    if (flag.default !== undefined && flag.default !== false && flag.default !== "" && flag.default !== 0) {
      usage += flag.type === "string" ? ` (default ${JSON.stringify(flag.default)})` : ` (default ${flag.default})`;
    }
    return { left, usage };
  });
  const width = Math.max(0, ...rows.map((row) => row.left.length)) + 1;
  return rows.map(({ left, usage }) => `${left} ${" ".repeat(width - left.length)} ${wrap(width + 2, cols, usage)}\n`).join("");
}

// pflag's wrap: the first line follows the flag column; later lines are indented to it.
function wrap(indent: number, cols: number, text: string): string {
  let room = cols - indent;
  let prefix = "";
  if (room < 24) {
    indent = 16;
    room = cols - indent;
    prefix = "\n" + " ".repeat(indent);
  }
  if (room < 24) return text.replace(/\n/g, prefix);
  const slop = 5;
  room -= slop;
  const pad = "\n" + " ".repeat(indent);
  let [line, rest] = wrapN(room, slop, text);
  let out = prefix + line.replace(/\n/g, pad);
  while (rest !== "") {
    [line, rest] = wrapN(room, slop, rest);
    out += pad + line.replace(/\n/g, pad);
  }
  return out;
}

function wrapN(width: number, slop: number, text: string): [string, string] {
  if (width + slop > text.length) return [text, ""];
  const head = text.slice(0, width);
  const space = Math.max(head.lastIndexOf(" "), head.lastIndexOf("\t"), head.lastIndexOf("\n"));
  if (space <= 0) return [text, ""];
  const newline = head.lastIndexOf("\n");
  if (newline > 0 && newline < space) return [text.slice(0, newline), text.slice(newline + 1)];
  return [text.slice(0, space), text.slice(space + 1)];
}

/** `docker VERB --help`. */
export function verbHelp(path: string, verb: Verb, aliases: readonly string[], cols: number): string {
  let text = `Usage:  ${path}${verb.usage ? ` ${verb.usage}` : ""}\n\n${verb.long ?? verb.short}\n`;
  if (aliases.length > 1) text += `\nAliases:\n  ${aliases.join(", ")}\n`;
  if (verb.flags?.some((flag) => !flag.unsupported)) text += `\nOptions:\n${flagUsages(verb.flags, cols - 1).trimEnd()}\n`;
  return text;
}

/** `docker container` and `docker container --help`. */
export function groupHelp(path: string, group: Group): string {
  const verbs = [...group.verbs].sort((a, b) => a.name.localeCompare(b.name));
  return `Usage:  ${path} COMMAND\n\n${group.short}\n\nCommands:\n${commandList(verbs)}\nRun '${path} COMMAND --help' for more information on a command.\n`;
}

export function commandList(commands: readonly { name: string; short: string }[]): string {
  return commands.map((c) => `  ${c.name.padEnd(11)} ${c.short}\n`).join("");
}

/** The usage block printed after a command-line error. */
export function usageHint(path: string, verb: Verb | undefined, hint: "See" | "Run"): string {
  const usage = verb ? `\nUsage:  ${path}${verb.usage ? ` ${verb.usage}` : ""}\n` : "";
  return `${usage}\n${hint} '${path} --help' for more information\n`;
}
