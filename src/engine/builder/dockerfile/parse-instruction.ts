// One parse-tree node to its typed instruction, with the checks and the words of BuildKit's
// instructions package (frontend/dockerfile/instructions/parse.go), which Docker's classic builder
// runs too. Errors carry BuildKit's message alone; parse.ts says which line.
import { DrydockError } from "../../../shared/errors";
import { goQuote } from "../../../shared/go-quote";
import { parseFlags, type FlagKind, type Flags } from "./flags";
import { trimSpace } from "./go-unicode";
import { heredocWord } from "./heredoc";
import { parseHealthcheck } from "./healthcheck";
import type { ArgInstruction, CommandLine, CopyInstruction, EnvInstruction, FromInstruction, Instruction, Located, OnbuildInstruction, WordInstruction, WordsInstruction } from "./instructions";
import type { DockerfileNode } from "./parse-nodes";
import { withSuggestion } from "./suggest";

type Command = Exclude<Instruction, OnbuildInstruction>;

const INSTRUCTIONS = ["ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"];

function fail(message: string): never {
  throw new DrydockError("InvalidParameter", message);
}

export function parseInstruction(node: DockerfileNode): FromInstruction | Instruction {
  switch (node.keyword.toLowerCase()) {
    case "from":
      return parseFrom(node);
    case "onbuild":
      return parseOnbuild(node);
    default:
      return parseCommand(node);
  }
}

function locate(node: DockerfileNode): Located {
  return { line: node.startLine, endLine: node.endLine, original: trimSpace(node.original) };
}

/** Checks flags; an instruction that takes none refuses any. */
function flagsOf(node: DockerfileNode, takes: Record<string, FlagKind> = {}): Flags {
  return parseFlags(node.flags, takes);
}

/** Flags BuildKit knows that Drydock's builder, like Docker's classic one, does not do. */
function refuseBuildKitFlags(flags: Flags, buildKitOnly: string[]): void {
  const used = flags.used.find((name) => buildKitOnly.includes(name));
  if (used !== undefined) fail(`the --${used} option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled`);
}

function exactlyOne(node: DockerfileNode, keyword: string): string {
  if (node.args.length !== 1) fail(`${keyword} requires exactly one argument`);
  return node.args[0]!;
}

function atLeastOne(node: DockerfileNode, keyword: string): void {
  if (node.args.length === 0) fail(`${keyword} requires at least one argument`);
}

/** Exec form as the array; shell form as one command line (RUN, CMD, ENTRYPOINT). */
function commandLine(node: DockerfileNode): CommandLine {
  return node.json ? { form: "exec", args: node.args } : { form: "shell", command: node.args.join(" ") };
}

function parseFrom(node: DockerfileNode): FromInstruction {
  const { args } = node;
  let name: string | undefined;
  if (args.length === 3 && args[1]!.toLowerCase() === "as") {
    name = args[2]!.toLowerCase();
    if (!/^[a-z][a-z0-9._-]*$/.test(name)) fail(`invalid name for build stage: ${goQuote(args[2]!)}, name can't start with a number or contain symbols`);
  } else if (args.length !== 1) fail("FROM requires either one or three arguments");
  const platform = flagsOf(node, { platform: "string" }).string("platform");
  return { kind: "FROM", ...locate(node), image: args[0]!, name, platform };
}

/**
 * The trigger is parsed now, so that the builder gets it typed; Docker parses it only when a
 * build uses the image, so Drydock reports a bad trigger earlier than Docker does.
 */
function parseOnbuild(node: DockerfileNode): OnbuildInstruction {
  const { trigger } = node;
  if (!trigger) fail("ONBUILD requires at least one argument");
  flagsOf(node);
  const keyword = trigger.keyword.toUpperCase();
  if (keyword === "ONBUILD") fail("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
  if (keyword === "MAINTAINER" || keyword === "FROM") fail(`${keyword} isn't allowed as an ONBUILD trigger`);
  const expression = node.original.replace(/^[\t\n\f\r ]*ONBUILD[\t\n\f\r ]*/i, "") + node.heredocs.map((heredoc) => `\n${heredoc.content}${heredoc.name}`).join("");
  const instruction = parseCommand({ ...trigger, heredocs: node.heredocs, startLine: node.startLine, endLine: node.endLine });
  return { kind: "ONBUILD", ...locate(node), trigger: expression, instruction };
}

function parseCommand(node: DockerfileNode): Command {
  const located = locate(node);
  switch (node.keyword.toLowerCase()) {
    case "run":
      refuseBuildKitFlags(flagsOf(node, { mount: "strings", network: "string", security: "string", device: "strings" }), ["mount", "network", "security", "device"]);
      return { kind: "RUN", ...located, command: commandLine(node), heredocs: node.heredocs };
    case "cmd":
      flagsOf(node);
      return { kind: "CMD", ...located, command: commandLine(node) };
    case "entrypoint":
      flagsOf(node);
      return { kind: "ENTRYPOINT", ...located, command: commandLine(node) };
    case "env":
      return parseKeyValues(node, located, "ENV");
    case "label":
      return parseKeyValues(node, located, "LABEL");
    case "arg":
      return parseArg(node, located);
    case "copy":
      return parseCopy(node, located, "COPY");
    case "add":
      return parseCopy(node, located, "ADD");
    case "expose":
      atLeastOne(node, "EXPOSE");
      flagsOf(node);
      return { kind: "EXPOSE", ...located, words: node.args };
    case "volume":
      return parseVolume(node, located);
    case "user":
      return parseValue(node, located, "USER");
    case "workdir":
      return parseValue(node, located, "WORKDIR");
    case "maintainer":
      return parseValue(node, located, "MAINTAINER");
    case "stopsignal":
      // BuildKit reads no flags on STOPSIGNAL: they are ignored.
      return { kind: "STOPSIGNAL", ...located, value: exactlyOne(node, "STOPSIGNAL") };
    case "shell":
      flagsOf(node);
      atLeastOne(node, "SHELL");
      if (!node.json) fail("SHELL requires the arguments to be in JSON form");
      return { kind: "SHELL", ...located, args: node.args };
    case "healthcheck":
      return parseHealthcheck(node, located);
    default:
      return fail(withSuggestion(`unknown instruction: ${node.keyword}`, node.keyword, INSTRUCTIONS, false));
  }
}

/** USER, WORKDIR, MAINTAINER: the rest of the line, one argument. */
function parseValue(node: DockerfileNode, located: Located, kind: "USER" | "WORKDIR" | "MAINTAINER"): WordInstruction {
  const value = exactlyOne(node, kind);
  flagsOf(node);
  return { kind, ...located, value };
}

/** ENV and LABEL: the node's arguments come in threes (key, value, separator). */
function parseKeyValues(node: DockerfileNode, located: Located, kind: "ENV" | "LABEL"): EnvInstruction {
  flagsOf(node);
  atLeastOne(node, kind);
  const pairs = [];
  for (let i = 0; i < node.args.length; i += 3) {
    const key = node.args[i]!;
    if (key === "") fail(`${kind} names can not be blank`);
    pairs.push({ key, value: node.args[i + 1]! });
  }
  return { kind, ...located, pairs };
}

/** `name` or `name=default`, several per line. BuildKit reads no flags on ARG: they are ignored. */
function parseArg(node: DockerfileNode, located: Located): ArgInstruction {
  atLeastOne(node, "ARG");
  const args = node.args.map((arg) => {
    const at = arg.indexOf("=");
    if (at < 0) return { name: arg };
    if (at === 0) fail("ARG names can not be blank");
    return { name: arg.slice(0, at), default: arg.slice(at + 1) };
  });
  return { kind: "ARG", ...located, args };
}

/** COPY and ADD: a heredoc source is given as its name, which names its entry in `heredocs`. */
function parseCopy(node: DockerfileNode, located: Located, kind: "COPY" | "ADD"): CopyInstruction {
  if (node.args.length < 2) fail(`${kind} requires at least two arguments, but only one was provided. Destination could not be determined`);
  const flags =
    kind === "COPY"
      ? flagsOf(node, { chown: "string", from: "string", chmod: "string", link: "bool", exclude: "strings", parents: "bool" })
      : flagsOf(node, { chown: "string", chmod: "string", link: "bool", "keep-git-dir": "bool", checksum: "string", unpack: "bool", exclude: "strings" });
  refuseBuildKitFlags(flags, ["exclude", "parents", "keep-git-dir", "checksum", "unpack"]);
  const dest = node.args.at(-1)!;
  if (heredocWord(dest)) fail(`${kind} cannot accept a heredoc as a destination`);
  const read = new Set(node.heredocs.map((heredoc) => heredoc.name));
  const sources = node.args.slice(0, -1).map((source) => {
    const name = heredocWord(source)?.name;
    return name !== undefined && read.has(name) ? name : source;
  });
  return { kind, ...located, sources, dest, from: flags.string("from"), chown: flags.string("chown"), chmod: flags.string("chmod"), link: flags.bool("link"), heredocs: node.heredocs };
}

function parseVolume(node: DockerfileNode, located: Located): WordsInstruction {
  atLeastOne(node, "VOLUME");
  flagsOf(node);
  const words = node.args.map((path) => {
    const trimmed = trimSpace(path);
    if (trimmed === "") fail("VOLUME specified can not be an empty string");
    return trimmed;
  });
  return { kind: "VOLUME", ...located, words };
}
