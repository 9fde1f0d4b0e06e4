// An instruction line cut into its keyword, its builder flags (`--from=x`, before the arguments)
// and the rest, as BuildKit's parser cuts it (frontend/dockerfile/parser/split_command.go).
import { isSpace, trimSpace } from "./go-unicode";
import type { EscapeChar } from "./shell";

export interface SplitCommand {
  keyword: string;
  /** Each flag with its quotes and escapes removed: `--chown="a b"` is `--chown=a b`. */
  flags: string[];
  rest: string;
}

export function splitCommand(line: string, escape: EscapeChar): SplitCommand {
  const trimmed = trimSpace(line);
  const blank = /[\t\v\f\r ]+/.exec(trimmed);
  if (!blank) return { keyword: trimmed, flags: [], rest: "" };
  const { flags, rest } = extractFlags(trimmed.slice(blank.index + blank[0].length), escape);
  return { keyword: trimmed.slice(0, blank.index), flags, rest: trimSpace(rest) };
}

/**
 * The leading words that start with `--`, up to the first that does not or to a `--` of its own.
 * Quotes group characters and are removed; the escape takes the next character as it is, inside
 * quotes too.
 */
function extractFlags(line: string, escape: EscapeChar): { flags: string[]; rest: string } {
  const chars = Array.from(line);
  const flags: string[] = [];
  let word = "";
  let inWord = false;
  let blankOk = false;
  let quote: string | undefined;
  for (let pos = 0; pos < chars.length; pos++) {
    let ch = chars[pos]!;
    if (!inWord) {
      if (isSpace(ch)) continue;
      if (ch !== "-" || chars[pos + 1] !== "-") return { flags, rest: chars.slice(pos).join("") };
      inWord = true;
    }
    if (quote === undefined && isSpace(ch)) {
      if (word === "--") return { flags, rest: chars.slice(pos).join("") };
      if (blankOk || word !== "") flags.push(word);
      word = "";
      inWord = blankOk = false;
      continue;
    }
    if (quote === undefined && (ch === "'" || ch === '"')) {
      quote = ch;
      blankOk = true;
      continue;
    }
    if (quote !== undefined && ch === quote) {
      quote = undefined;
      continue;
    }
    if (ch === escape) {
      if (pos + 1 === chars.length) {
        quote = undefined;
        continue;
      }
      ch = chars[++pos]!;
    }
    word += ch;
  }
  if (inWord && word !== "--" && (blankOk || word !== "")) flags.push(word);
  return { flags, rest: "" };
}
