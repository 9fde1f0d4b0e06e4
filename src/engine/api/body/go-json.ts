/**
 * A JSON reader that fails where Go's json.Decoder fails, with Go's words: moby reads every
 * request body with one, so "invalid JSON: invalid character 'x' looking for beginning of
 * value" is what a client of Docker sees. It scans byte by byte, as Go's scanner does, without
 * recursion (a body 10,000 arrays deep is a string of brackets, not a stack overflow), and
 * keeps an object's keys in order with their repeats, because Go's decoder acts on each one.
 */

export type JsonValue =
  | { kind: "null" }
  | { kind: "bool"; value: boolean }
  | { kind: "number"; text: string }
  | { kind: "string"; value: string }
  | { kind: "array"; items: JsonValue[] }
  | { kind: "object"; entries: [string, JsonValue][] };

/** What Decoder.Decode returns instead of a value: io.EOF, io.ErrUnexpectedEOF or a SyntaxError. */
export class GoJsonError extends Error {
  constructor(
    readonly kind: "eof" | "unexpected-eof" | "syntax",
    message: string,
  ) {
    super(message);
    this.name = "GoJsonError";
  }
}

/** Go's maxNestingDepth: one more open bracket is a syntax error. */
const MAX_DEPTH = 10_000;

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

type Op = "continue" | "literal" | "object" | "key" | "value-in-object" | "end-object" | "array" | "value-in-array" | "end-array" | "space" | "end";

type Frame =
  | { kind: "object"; entries: [string, JsonValue][]; key: string | undefined }
  | { kind: "array"; items: JsonValue[] };

type State =
  | "value" | "value-or-end-array" | "key-or-end-object" | "key" | "end-value" | "end-top"
  | "string" | "escape" | "u1" | "u2" | "u3" | "u4"
  | "neg" | "int" | "zero" | "dot" | "fraction" | "exp" | "exp-sign" | "exponent"
  | "t" | "tr" | "tru" | "f" | "fa" | "fal" | "fals" | "n" | "nu" | "nul";

/** A literal's next byte, and the state after it, for true, false and null. */
const LITERALS: Partial<Record<State, [string, State | "done", string]>> = {
  t: ["r", "tr", "true"], tr: ["u", "tru", "true"], tru: ["e", "done", "true"],
  f: ["a", "fa", "false"], fa: ["l", "fal", "false"], fal: ["s", "fals", "false"], fals: ["e", "done", "false"],
  n: ["u", "nu", "null"], nu: ["l", "nul", "null"], nul: ["l", "done", "null"],
};

/** Go's scanner: one byte in, what it means out; a bad byte throws Go's SyntaxError text. */
class Scanner {
  private state: State = "value";
  /** true for an object (expecting a key, then a value), false for an array. */
  private readonly stack: ("key" | "value" | "array")[] = [];

  step(c: number): Op {
    switch (this.state) {
      case "value":
        return this.beginValue(c);
      case "value-or-end-array":
        if (isSpace(c)) return "space";
        if (c === 0x5d) return this.endContainer();
        return this.beginValue(c);
      case "key-or-end-object":
        if (isSpace(c)) return "space";
        if (c === 0x7d) return this.endContainer();
        return this.beginKey(c);
      case "key":
        return this.beginKey(c);
      case "end-value":
        return this.endValue(c);
      case "end-top":
        return "end";
      case "string":
        if (c === 0x22) return this.to("end-value", "continue");
        if (c === 0x5c) return this.to("escape", "continue");
        if (c < 0x20) this.fail(c, "in string literal");
        return "continue";
      case "escape":
        if ("bfnrt\\/\"".includes(String.fromCharCode(c))) return this.to("string", "continue");
        if (c === 0x75) return this.to("u1", "continue");
        return this.fail(c, "in string escape code");
      case "u1":
      case "u2":
      case "u3":
      case "u4":
        if (!isHex(c)) this.fail(c, "in \\u hexadecimal character escape");
        return this.to(({ u1: "u2", u2: "u3", u3: "u4", u4: "string" } as const)[this.state], "continue");
      case "neg":
        if (c === 0x30) return this.to("zero", "continue");
        if (c >= 0x31 && c <= 0x39) return this.to("int", "continue");
        return this.fail(c, "in numeric literal");
      case "int":
        if (isDigit(c)) return "continue";
        return this.afterZero(c);
      case "zero":
        return this.afterZero(c);
      case "dot":
        if (isDigit(c)) return this.to("fraction", "continue");
        return this.fail(c, "after decimal point in numeric literal");
      case "fraction":
        if (isDigit(c)) return "continue";
        if (c === 0x65 || c === 0x45) return this.to("exp", "continue");
        return this.endValue(c);
      case "exp":
        if (c === 0x2b || c === 0x2d) return this.to("exp-sign", "continue");
        return this.expSign(c);
      case "exp-sign":
        return this.expSign(c);
      case "exponent":
        if (isDigit(c)) return "continue";
        return this.endValue(c);
      default: {
        const [want, next, word] = LITERALS[this.state]!;
        if (c !== want.charCodeAt(0)) this.fail(c, `in literal ${word} (expecting ${quoteChar(want.charCodeAt(0))})`);
        return this.to(next === "done" ? "end-value" : next, "continue");
      }
    }
  }

  private beginValue(c: number): Op {
    if (isSpace(c)) return "space";
    switch (c) {
      case 0x7b:
        this.push(c, "key");
        return this.to("key-or-end-object", "object");
      case 0x5b:
        this.push(c, "array");
        return this.to("value-or-end-array", "array");
      case 0x22:
        return this.to("string", "literal");
      case 0x2d:
        return this.to("neg", "literal");
      case 0x30:
        return this.to("zero", "literal");
      case 0x74:
        return this.to("t", "literal");
      case 0x66:
        return this.to("f", "literal");
      case 0x6e:
        return this.to("n", "literal");
    }
    if (c >= 0x31 && c <= 0x39) return this.to("int", "literal");
    return this.fail(c, "looking for beginning of value");
  }

  private beginKey(c: number): Op {
    if (isSpace(c)) return "space";
    if (c === 0x22) return this.to("string", "literal");
    return this.fail(c, "looking for beginning of object key string");
  }

  private afterZero(c: number): Op {
    if (c === 0x2e) return this.to("dot", "continue");
    if (c === 0x65 || c === 0x45) return this.to("exp", "continue");
    return this.endValue(c);
  }

  private expSign(c: number): Op {
    if (isDigit(c)) return this.to("exponent", "continue");
    return this.fail(c, "in exponent of numeric literal");
  }

  private endValue(c: number): Op {
    const top = this.stack.at(-1);
    if (top === undefined) {
      // A non-space byte after a top-level value is Go's complaint only on the next call,
      // and the Decoder never makes that call: it stops here.
      this.state = "end-top";
      return "end";
    }
    if (isSpace(c)) return this.to("end-value", "space");
    if (top === "key") {
      if (c === 0x3a) {
        this.stack[this.stack.length - 1] = "value";
        return this.to("value", "key");
      }
      return this.fail(c, "after object key");
    }
    if (top === "value") {
      if (c === 0x2c) {
        this.stack[this.stack.length - 1] = "key";
        return this.to("key", "value-in-object");
      }
      if (c === 0x7d) return this.endContainer();
      return this.fail(c, "after object key:value pair");
    }
    if (c === 0x2c) return this.to("value", "value-in-array");
    if (c === 0x5d) return this.endContainer();
    return this.fail(c, "after array element");
  }

  private endContainer(): Op {
    const top = this.stack.pop();
    this.state = this.stack.length === 0 ? "end-top" : "end-value";
    return top === "array" ? "end-array" : "end-object";
  }

  private push(c: number, kind: "key" | "array"): void {
    this.stack.push(kind);
    if (this.stack.length > MAX_DEPTH) this.fail(c, "exceeded max depth");
  }

  private to(state: State, op: Op): Op {
    this.state = state;
    return op;
  }

  private fail(c: number, context: string): never {
    throw new GoJsonError("syntax", `invalid character ${quoteChar(c)} ${context}`);
  }
}

/**
 * The first JSON value in `bytes`, as json.Decoder.Decode reads it, and where it ended (More
 * looks on from there). Throws GoJsonError: "EOF" for nothing but space, "unexpected EOF" for a
 * value cut short, a syntax error at the first byte Go's scanner refuses.
 */
export function decodeFirst(bytes: Uint8Array): { value: JsonValue; end: number } {
  const scanner = new Scanner();
  const frames: Frame[] = [];
  let literalStart = -1;
  let root: JsonValue | undefined;
  let sawNonSpace = false;

  const complete = (value: JsonValue) => {
    const top = frames.at(-1);
    if (!top) root = value;
    else if (top.kind === "array") top.items.push(value);
    else if (top.key === undefined) top.key = (value as { value: string }).value;
    else {
      top.entries.push([top.key, value]);
      top.key = undefined;
    }
  };
  const endLiteral = (end: number) => {
    complete(literal(bytes.subarray(literalStart, end)));
    literalStart = -1;
  };

  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (!isSpace(c)) sawNonSpace = true;
    const op = scanner.step(c);
    if (literalStart >= 0 && op !== "continue") endLiteral(i);
    switch (op) {
      case "literal":
        literalStart = i;
        break;
      case "object":
        frames.push({ kind: "object", entries: [], key: undefined });
        break;
      case "array":
        frames.push({ kind: "array", items: [] });
        break;
      case "end-object":
      case "end-array": {
        const frame = frames.pop()!;
        complete(frame.kind === "array" ? { kind: "array", items: frame.items } : { kind: "object", entries: frame.entries });
        if (frames.length === 0) return { value: root!, end: i + 1 };
        break;
      }
      case "end":
        return { value: root!, end: i };
    }
  }
  // At the end of the input Go feeds the scanner a space: it finishes a top-level number.
  if (literalStart >= 0 && scannerEndsAtSpace(scanner)) {
    endLiteral(bytes.length);
    return { value: root!, end: bytes.length };
  }
  throw sawNonSpace ? new GoJsonError("unexpected-eof", "unexpected EOF") : new GoJsonError("eof", "EOF");
}

function scannerEndsAtSpace(scanner: Scanner): boolean {
  try {
    return scanner.step(0x20) === "end";
  } catch {
    return false;
  }
}

/** Decoder.More: whether anything but space (and a closing bracket) follows. */
export function hasMore(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (!isSpace(c)) return c !== 0x5d && c !== 0x7d;
  }
  return false;
}

const utf8 = new TextDecoder();

function literal(bytes: Uint8Array): JsonValue {
  switch (bytes[0]) {
    case 0x22:
      return { kind: "string", value: unquote(bytes) };
    case 0x74:
      return { kind: "bool", value: true };
    case 0x66:
      return { kind: "bool", value: false };
    case 0x6e:
      return { kind: "null" };
    default:
      return { kind: "number", text: utf8.decode(bytes) };
  }
}

/** A scanned string literal's value: escapes resolved, a lone surrogate becomes U+FFFD as in Go. */
function unquote(bytes: Uint8Array): string {
  const text = utf8.decode(bytes.subarray(1, bytes.length - 1));
  if (!text.includes("\\")) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const e = text[++i]!;
    if (e !== "u") {
      out += ({ b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" } as Record<string, string>)[e] ?? e;
      continue;
    }
    const unit = parseInt(text.slice(i + 1, i + 5), 16);
    i += 4;
    if (unit >= 0xd800 && unit < 0xdc00 && text.slice(i + 1, i + 3) === "\\u") {
      const low = parseInt(text.slice(i + 3, i + 7), 16);
      if (low >= 0xdc00 && low < 0xe000) {
        out += String.fromCharCode(unit, low);
        i += 6;
        continue;
      }
    }
    out += unit >= 0xd800 && unit < 0xe000 ? "\ufffd" : String.fromCharCode(unit);
  }
  return out;
}

/** Go's quoteChar: a byte in single quotes, escaped as strconv.Quote escapes it. */
function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return "'\"'";
  const named: Record<number, string> = { 0x07: "\\a", 0x08: "\\b", 0x0c: "\\f", 0x0a: "\\n", 0x0d: "\\r", 0x09: "\\t", 0x0b: "\\v", 0x5c: "\\\\" };
  if (named[c]) return `'${named[c]}'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, "0")}'`;
  // Go turns the byte into the rune of the same number (Latin-1), printable or \u-escaped.
  if ((c >= 0x80 && c < 0xa0) || c === 0xa0 || c === 0xad) return `'\\u${c.toString(16).padStart(4, "0")}'`;
  return `'${String.fromCharCode(c)}'`;
}
