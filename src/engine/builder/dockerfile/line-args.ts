// The arguments of an instruction line, split as BuildKit's parser splits them for its keyword
// (frontend/dockerfile/parser/line_parsers.go). Words keep their quotes and `$`s here; expansion
// comes at build time (shell.ts).
import { DrydockError } from "../../../shared/errors";
import { goQuote } from "../../../shared/go-quote";
import { isSpace, trimLeftSpace } from "./go-unicode";
import type { EscapeChar } from "./shell";

export interface LineArgs {
  args: string[];
  /** The arguments were a JSON array (exec form). */
  json: boolean;
}

export type ArgsParser = (rest: string, escape: EscapeChar) => LineArgs;

/** The white space Go's parser splits words at (no \n: a line has none left). */
const WHITESPACE = /[\t\v\f\r ]+/;

const plain = (args: string[]): LineArgs => ({ args, json: false });

/** The parser of each keyword BuildKit knows; ONBUILD's is the whole line parser (parse-nodes.ts). */
export const ARGS_PARSERS: Record<string, ArgsParser> = {
  add: maybeJsonToList,
  arg: (rest, escape) => plain(parseWords(rest, escape)),
  cmd: maybeJson,
  copy: maybeJsonToList,
  entrypoint: maybeJson,
  env: (rest, escape) => nameValues(rest, "ENV", escape),
  expose: (rest) => plain(whitespaceDelimited(rest)),
  from: (rest) => plain(whitespaceDelimited(rest)),
  healthcheck: healthConfig,
  label: (rest, escape) => nameValues(rest, "LABEL", escape),
  maintainer: wholeRest,
  run: maybeJson,
  shell: maybeJson,
  stopsignal: wholeRest,
  user: wholeRest,
  volume: maybeJsonToList,
  workdir: wholeRest,
};

function fail(message: string): never {
  throw new DrydockError("InvalidParameter", message);
}

function wholeRest(rest: string): LineArgs {
  return plain(rest === "" ? [] : [rest]);
}

function whitespaceDelimited(rest: string): string[] {
  return rest === "" ? [] : rest.split(WHITESPACE);
}

/** A JSON array of strings, or undefined when the text is no JSON array (then it is shell form). */
function jsonArray(rest: string): string[] | undefined {
  const text = trimLeftSpace(rest);
  if (!text.startsWith("[")) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  // Valid JSON that is not all strings is an error, not shell form.
  if (!value.every((item) => typeof item === "string")) fail("when using JSON array syntax, arrays must be comprised of strings only");
  return value;
}

/** Exec form, else the whole rest as one shell-form argument. */
function maybeJson(rest: string): LineArgs {
  if (rest === "") return plain([]);
  const json = jsonArray(rest);
  return json ? { args: json, json: true } : plain([rest]);
}

/** Exec form, else words split at white space (quotes do not hold words together here). */
function maybeJsonToList(rest: string): LineArgs {
  const json = jsonArray(rest);
  return json ? { args: json, json: true } : plain(whitespaceDelimited(rest));
}

/** HEALTHCHECK: the type (CMD, NONE), then the command as RUN's. */
function healthConfig(rest: string): LineArgs {
  const chars = Array.from(rest);
  let end = 0;
  while (end < chars.length && !isSpace(chars[end]!)) end++;
  if (end === 0) return plain([]);
  let start = end;
  while (start < chars.length && isSpace(chars[start]!)) start++;
  const command = maybeJson(chars.slice(start).join(""));
  return { args: [chars.slice(0, end).join(""), ...command.args], json: command.json };
}

/**
 * ENV and LABEL: `key=value ...`, or the legacy `key value` (the rest of the line is the value)
 * when the first word has no `=`. Each pair is three arguments: key, value, and "=" or "" (legacy).
 */
function nameValues(rest: string, keyword: string, escape: EscapeChar): LineArgs {
  const words = parseWords(rest, escape);
  if (words.length === 0) return plain([]);
  if (!words[0]!.includes("=")) {
    const split = WHITESPACE.exec(rest);
    if (!split) fail(`${keyword} must have two arguments`);
    return plain([rest.slice(0, split.index), rest.slice(split.index + split[0].length), ""]);
  }
  return plain(
    words.flatMap((word) => {
      const at = word.indexOf("=");
      if (at < 0) fail(`Syntax error - can't find = in ${goQuote(word)}. Must be of the form: name=value`);
      return [word.slice(0, at), word.slice(at + 1), "="];
    }),
  );
}

/**
 * Words at unquoted white space, quotes and escapes kept (they are removed at expansion). The
 * escape holds the next character in the word, except inside single quotes; an escape ending
 * the line is dropped.
 */
export function parseWords(rest: string, escape: EscapeChar): string[] {
  const chars = Array.from(rest);
  const words: string[] = [];
  let word = "";
  // A quoted empty string ('' or "") is still a word.
  let blankOk = false;
  let quote: string | undefined;
  const endWord = () => {
    if (blankOk || word !== "") words.push(word);
    word = "";
    blankOk = false;
  };
  for (let pos = 0; pos < chars.length; pos++) {
    let ch = chars[pos]!;
    if (quote === undefined) {
      if (isSpace(ch)) {
        endWord();
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOk = true;
      } else if (ch === escape) {
        if (pos + 1 === chars.length) continue;
        word += ch;
        ch = chars[++pos]!;
      }
      word += ch;
    } else {
      if (ch === quote) quote = undefined;
      else if (ch === escape && quote !== "'") {
        if (pos + 1 === chars.length) {
          quote = undefined;
          continue;
        }
        word += ch;
        ch = chars[++pos]!;
      }
      word += ch;
    }
  }
  endWord();
  return words;
}
