// Variable expansion and word splitting of Dockerfile words, as BuildKit's shell lexer does them
// (frontend/dockerfile/shell): quotes and escapes removed, $VAR and ${VAR...} replaced, and, for
// the instructions that take several words, the result split where unquoted white space is.
import { DrydockError } from "../../../shared/errors";
import { goQuote } from "../../../shared/go-quote";
import { isDigit, isLetter, isSpace } from "./go-unicode";
import type { Dockerfile } from "./instructions";
import { replaceMatches, trimPrefix, trimSuffix } from "./shell-pattern";

/** The value of a variable (an ARG or ENV of the stage), undefined when it is not set. */
export type EnvLookup = (name: string) => string | undefined;

export type EscapeChar = Dockerfile["escape"];

/**
 * One word with its variables expanded and its quotes and escapes removed; white space is kept
 * (ProcessWord: ENV and LABEL values, WORKDIR, USER, COPY's paths, FROM's image...).
 */
export function expandWord(word: string, env: EnvLookup, escape: EscapeChar = "\\"): string {
  return lex(word, env, { escape }).result;
}

/** The same, split into words at unquoted white space, expanded values included (ProcessWords: EXPOSE). */
export function expandWords(word: string, env: EnvLookup, escape: EscapeChar = "\\"): string[] {
  return lex(word, env, { escape }).words;
}

export interface LexOptions {
  escape: string;
  /** Quotes are kept in the result. */
  rawQuotes?: boolean;
  /** Escape characters are kept in the result. */
  rawEscapes?: boolean;
  /** An unset variable is left as written (`$X`, `${X:-y}`) rather than made empty. */
  skipUnsetEnv?: boolean;
}

/** The lexer with BuildKit's raw modes, which the parser uses to find heredoc words on a line. */
export function lex(word: string, env: EnvLookup, options: LexOptions): { result: string; words: string[] } {
  try {
    return new ShellWord(word, env, options).processStopOn(undefined, options.rawEscapes ?? false);
  } catch (error) {
    if (!(error instanceof DrydockError)) throw error;
    throw new DrydockError("InvalidParameter", `failed to process ${goQuote(word)}: ${error.message}`);
  }
}

function fail(message: string): never {
  throw new DrydockError("InvalidParameter", message);
}

/** Go prints string(rune(-1)), what its scanner returns at the end of the text, as U+FFFD. */
const END = "\ufffd";

/** The words of a result: unquoted white space ends a word, quoted and escaped characters never do. */
class Words {
  readonly words: string[] = [];
  private word = "";
  private inWord = false;

  addChar(ch: string): void {
    if (!isSpace(ch)) this.addRaw(ch);
    else if (this.inWord && this.word !== "") {
      this.words.push(this.word);
      this.word = "";
      this.inWord = false;
    }
  }

  addString(text: string): void {
    for (const ch of text) this.addChar(ch);
  }

  addRaw(text: string): void {
    this.word += text;
    this.inWord = true;
  }

  finish(): string[] {
    if (this.word !== "") this.words.push(this.word);
    return this.words;
  }
}

class ShellWord {
  private readonly chars: string[];
  private pos = 0;
  private rawEscapes: boolean;

  constructor(
    word: string,
    private readonly env: EnvLookup,
    private readonly options: LexOptions,
  ) {
    this.chars = Array.from(word);
    this.rawEscapes = options.rawEscapes ?? false;
  }

  private peek(): string | undefined {
    return this.chars[this.pos];
  }

  private next(): string | undefined {
    return this.chars[this.pos++];
  }

  private get escape(): string {
    return this.options.escape;
  }

  /** Up to `stop` (consumed) or the end of the word. */
  processStopOn(stop: string | undefined, rawEscapes: boolean): { result: string; words: string[] } {
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      return this.scan(stop);
    } finally {
      this.rawEscapes = saved;
    }
  }

  private scan(stop: string | undefined): { result: string; words: string[] } {
    let result = "";
    const words = new Words();
    for (let ch = this.peek(); ch !== undefined; ch = this.peek()) {
      if (ch === stop) {
        this.next();
        return { result, words: words.finish() };
      }
      if (ch === "$") {
        const value = this.processDollar();
        result += value;
        words.addString(value);
      } else if (ch === "<" || ch === "'" || ch === '"') {
        const text = ch === "<" ? this.processPossibleHeredoc() : ch === "'" ? this.processSingleQuote() : this.processDoubleQuote();
        result += text;
        words.addRaw(text);
      } else {
        this.next();
        if (ch === this.escape) {
          if (this.rawEscapes) {
            words.addRaw(ch);
            result += ch;
          }
          // An escape at the end of the word escapes nothing and is dropped.
          const escaped = this.next();
          if (escaped === undefined) break;
          words.addRaw(escaped);
          result += escaped;
        } else {
          words.addChar(ch);
          result += ch;
        }
      }
    }
    if (stop !== undefined) fail(`unexpected end of statement while looking for matching ${stop}`);
    return { result, words: words.finish() };
  }

  /** Everything up to the next ' as it is: nothing escapes inside single quotes. */
  private processSingleQuote(): string {
    const quote = this.next()!;
    let result = this.options.rawQuotes ? quote : "";
    for (;;) {
      const ch = this.next();
      if (ch === undefined) fail("unexpected end of statement while looking for matching single-quote");
      if (ch === "'") return this.options.rawQuotes ? result + ch : result;
      result += ch;
    }
  }

  /** Up to the next unescaped ", with $ expanded; the escape quotes only ", $ and itself and is kept before anything else. */
  private processDoubleQuote(): string {
    const quote = this.next()!;
    let result = this.options.rawQuotes ? quote : "";
    for (;;) {
      const peeked = this.peek();
      if (peeked === undefined) fail("unexpected end of statement while looking for matching double-quote");
      if (peeked === '"') {
        this.next();
        return this.options.rawQuotes ? result + peeked : result;
      }
      if (peeked === "$") {
        result += this.processDollar();
        continue;
      }
      let ch = this.next()!;
      if (ch === this.escape) {
        if (this.rawEscapes) result += ch;
        const after = this.peek();
        if (after === undefined) continue;
        if (after === '"' || after === "$" || after === this.escape) ch = this.next()!;
      }
      result += ch;
    }
  }

  private processDollar(): string {
    this.next();
    if (this.peek() !== "{") {
      const name = this.processName();
      if (name === "") return "$";
      const value = this.env(name);
      if (value === undefined && this.options.skipUnsetEnv) return "$" + name;
      return value ?? "";
    }
    this.next();
    const first = this.peek();
    if (first === undefined) fail("syntax error: missing '}'");
    if (first === "{" || first === "}" || first === ":") fail("syntax error: bad substitution");
    const name = this.processName();
    let ch = this.next();
    let modifier = ch ?? END;
    switch (ch) {
      case "}": {
        const value = this.env(name);
        if (value === undefined && this.options.skipUnsetEnv) return `\${${name}}`;
        return value ?? "";
      }
      case ":":
        ch = this.next();
        modifier += ch ?? END;
        return this.processModifier(name, ch, modifier, true);
      case "+":
      case "-":
      case "?":
      case "#":
      case "%":
        return this.processModifier(name, ch, modifier, false);
      case "/":
        return this.processReplacement(name);
      default:
        fail(`unsupported modifier (${modifier}) in substitution`);
    }
  }

  /** ${NAME-word}, ${NAME+word}, ${NAME?word}, ${NAME#pattern}, ${NAME%pattern}; with `:` an empty value counts as unset. */
  private processModifier(name: string, ch: string | undefined, modifier: string, nullIsUnset: boolean): string {
    // A pattern keeps its escapes, for the pattern to read.
    const isPattern = ch === "#" || ch === "%";
    if (nullIsUnset && isPattern) fail(`unsupported modifier (${modifier}) in substitution`);
    let word = this.processUpTo("}", isPattern, "syntax error: missing '}'");
    const value = this.env(name);
    if (value === undefined && this.options.skipUnsetEnv) return `\${${name}${modifier}${word}}`;
    const unset = value === undefined || (nullIsUnset && value === "");
    switch (ch) {
      case "-":
        return unset ? word : value!;
      case "+":
        return unset ? "" : word;
      case "?":
        if (value === undefined) fail(`${name}: ${word || "is not allowed to be unset"}`);
        if (unset) fail(`${name}: ${word || "is not allowed to be empty"}`);
        return value;
      case "#":
      case "%": {
        // ## and %% match the longest text, # and % the shortest.
        const greedy = word.startsWith(ch);
        if (greedy) word = word.slice(1);
        return ch === "%" ? trimSuffix(word, value ?? "", greedy) : trimPrefix(word, value ?? "", greedy);
      }
      default:
        fail(`unsupported modifier (${modifier}) in substitution`);
    }
  }

  /** ${NAME/pattern/replacement} replaces the first match, ${NAME//pattern/replacement} every one. */
  private processReplacement(name: string): string {
    const all = this.peek() === "/";
    if (all) this.next();
    const pattern = this.processUpTo("/", true, "syntax error: missing '/' in ${}");
    const replacement = this.processUpTo("}", true, "syntax error: missing '}'");
    const value = this.env(name);
    if (value === undefined && this.options.skipUnsetEnv) return `\${${name}/${pattern}/${replacement}}`;
    return replaceMatches(value ?? "", pattern, replacement, all);
  }

  /** The text up to `stop`, expanded; running off the end is reported as `missing`. */
  private processUpTo(stop: string, rawEscapes: boolean, missing: string): string {
    try {
      return this.processStopOn(stop, rawEscapes).result;
    } catch (error) {
      if (error instanceof DrydockError && this.peek() === undefined) fail(missing);
      throw error;
    }
  }

  /**
   * A variable name: letters, digits and _, or only digits when it starts with one (a positional
   * parameter), or one special parameter character. Neither kind is ever set in a Dockerfile.
   */
  private processName(): string {
    let name = "";
    for (let ch = this.peek(); ch !== undefined; ch = this.peek()) {
      if (name === "" && isDigit(ch)) {
        while (this.peek() !== undefined && isDigit(this.peek()!)) name += this.next();
        return name;
      }
      if (name === "" && "@*#?-$!0".includes(ch)) return this.next()!;
      if (!isLetter(ch) && !isDigit(ch) && ch !== "_") break;
      name += this.next();
    }
    return name;
  }

  /** `<<` and the blanks after it stay with the word that follows, so that `<< EOF` is one heredoc word. */
  private processPossibleHeredoc(): string {
    this.next();
    if (this.peek() !== "<") return "<";
    this.next();
    let result = "<<";
    for (let ch = this.peek(); ch === " " || ch === "\t" || ch === "\r"; ch = this.peek()) result += this.next();
    return result;
  }
}
