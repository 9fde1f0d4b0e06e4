// A Dockerfile's text to BuildKit's parse tree (frontend/dockerfile/parser/parser.go): one node per
// instruction, with its keyword, flags and arguments split as BuildKit splits them for that keyword,
// its lines and its heredocs. What the instructions mean is parse.ts's business.
import { DrydockError } from "../../../shared/errors";
import { Directives } from "./directives";
import { trimLeftSpace } from "./go-unicode";
import { heredocWords } from "./heredoc";
import type { Heredoc } from "./instructions";
import { ARGS_PARSERS } from "./line-args";
import type { EscapeChar } from "./shell";
import { splitCommand } from "./split-command";

/** An instruction's line, split. */
export interface InstructionLine {
  /** As written: any case. */
  keyword: string;
  /** The `--name=value` words before the arguments, quotes removed. */
  flags: string[];
  args: string[];
  /** The arguments came from a JSON array (exec form). */
  json: boolean;
  /** ONBUILD's instruction. */
  trigger?: InstructionLine;
  /** The line: continuation lines joined, their escapes, comments and blank lines removed. */
  original: string;
}

export interface DockerfileNode extends InstructionLine {
  heredocs: Heredoc[];
  /** 1-based, the instruction's first and last lines (heredoc bodies included). */
  startLine: number;
  endLine: number;
}

export interface NodeTree {
  escape: EscapeChar;
  nodes: DockerfileNode[];
}

/** The keywords whose shell form may open heredocs (ONBUILD's trigger included). */
const HEREDOC_KEYWORDS = new Set(["add", "copy", "run"]);

/** Parses `text` into nodes; errors are DrydockErrors with BuildKit's words (no line in them). */
export function parseNodes(text: string): NodeTree {
  const lines = new Lines(text);
  const directives = new Directives();
  const nodes: DockerfileNode[] = [];
  for (let first = lines.next(); first !== undefined; first = lines.next()) {
    const startLine = lines.number;
    let line = readLine(directives, first, true);
    let continued = continuation(line, directives.escape);
    if (continued === undefined && line === "") continue;
    let joined = continued ?? line;
    while (continued !== undefined) {
      const raw = lines.next();
      if (raw === undefined) break;
      line = readLine(directives, raw, false);
      // Comments and blank lines inside a continuation are skipped; the continuation goes on.
      if (isComment(raw) || trimLeftSpace(line) === "") continue;
      continued = continuation(line, directives.escape);
      joined += continued ?? line;
    }
    const node = nodeFromLine(joined, directives.escape);
    const heredocs = acceptsHeredocs(node) && joined.includes("<<") ? heredocWords(joined).map((word) => ({ ...word, content: lines.heredocBody(word.name, word.chomp) })) : [];
    nodes.push({ ...node, heredocs, startLine, endLine: lines.number });
  }
  if (nodes.length === 0) fail("file with no instructions");
  return { escape: directives.escape, nodes };
}

function fail(message: string): never {
  throw new DrydockError("InvalidParameter", message);
}

/** The file's lines with their line endings, numbered as they are read. */
class Lines {
  private readonly lines: string[];
  private index = 0;

  constructor(text: string) {
    this.lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    // A byte order mark is no part of the first instruction.
    if (this.lines[0]?.startsWith("\ufeff")) this.lines[0] = this.lines[0].slice(1);
  }

  /** The number of the line last read. */
  get number(): number {
    return this.index;
  }

  next(): string | undefined {
    return this.index < this.lines.length ? this.lines[this.index++] : undefined;
  }

  /** The lines up to the terminator (`<<-`: its leading tabs ignored), line endings kept. */
  heredocBody(name: string, chomp: boolean): string {
    let content = "";
    for (let line = this.next(); line !== undefined; line = this.next()) {
      const bare = trimNewline(line);
      if ((chomp ? bare.replace(/^\t+/, "") : bare) === name) return content;
      content += line;
    }
    return fail("unterminated heredoc");
  }
}

/** A line without its ending, given to the directive reader; a comment reads as empty. */
function readLine(directives: Directives, raw: string, trimLeft: boolean): string {
  let line = trimNewline(raw);
  if (trimLeft) line = trimLeftSpace(line);
  directives.read(line);
  return isComment(line) ? "" : line;
}

function trimNewline(line: string): string {
  return line.replace(/[\r\n]+$/, "");
}

function isComment(line: string): boolean {
  return trimLeftSpace(line).startsWith("#");
}

/**
 * The line without its continuation escape when it ends with one (blanks after it allowed), or
 * undefined when it does not continue. An escaped escape (`\\`) does not continue the line.
 */
function continuation(line: string, escape: EscapeChar): string | undefined {
  const bare = line.replace(/[ \t]+$/, "");
  if (!bare.endsWith(escape)) return undefined;
  const before = bare.slice(0, -1);
  return before.endsWith(escape) ? undefined : before;
}

/** One instruction's line split; ONBUILD's trigger is split as a line of its own. */
function nodeFromLine(line: string, escape: EscapeChar): InstructionLine {
  const { keyword, flags, rest } = splitCommand(line, escape);
  const lower = keyword.toLowerCase();
  const node: InstructionLine = { keyword, flags, args: [], json: false, original: line };
  if (lower === "onbuild") return rest === "" ? node : { ...node, trigger: nodeFromLine(rest, escape) };
  const parser = ARGS_PARSERS[lower];
  // BuildKit keeps an unknown keyword with one empty argument; parse.ts refuses it.
  if (!parser) return { ...node, args: [""] };
  return { ...node, ...parser(rest, escape) };
}

function acceptsHeredocs(node: InstructionLine): boolean {
  const instruction = node.trigger ?? node;
  return HEREDOC_KEYWORDS.has(instruction.keyword.toLowerCase()) && !instruction.json;
}
