import { unicodeName } from "../go-fmt";
import { goQuote } from "../../../../shared/go-quote";

/**
 * The lexer of Go's text/template: text and `{{ }}` actions cut into items. Positions are
 * string indices (error messages turn them into Go's byte columns); lines count from 1.
 */
export type ItemType =
  | "error"
  | "bool"
  | "char" // one printable ASCII character, such as the comma of `range $i, $v`
  | "charConstant"
  | "assign"
  | "declare"
  | "eof"
  | "field"
  | "identifier"
  | "leftDelim"
  | "leftParen"
  | "number"
  | "pipe"
  | "rawString"
  | "rightDelim"
  | "rightParen"
  | "space"
  | "string"
  | "text"
  | "variable"
  | Keyword;

export type Keyword = "block" | "break" | "continue" | "dot" | "define" | "else" | "end" | "if" | "nil" | "range" | "template" | "with";

const KEYWORDS: Record<string, Keyword> = {
  ".": "dot",
  block: "block",
  break: "break",
  continue: "continue",
  define: "define",
  else: "else",
  end: "end",
  if: "if",
  nil: "nil",
  range: "range",
  template: "template",
  with: "with",
};

export function isKeyword(type: ItemType): type is Keyword {
  return Object.values(KEYWORDS).includes(type as Keyword);
}

export interface Item {
  type: ItemType;
  pos: number;
  val: string;
  line: number;
}

const LEFT = "{{";
const RIGHT = "}}";
const LEFT_COMMENT = "/*";
const RIGHT_COMMENT = "*/";

const isSpace = (ch: string | undefined): boolean => ch === " " || ch === "\t" || ch === "\r" || ch === "\n";
const isAlphaNumeric = (ch: string | undefined): boolean => ch !== undefined && /^[\p{L}\p{Nd}_]$/u.test(ch);
const hasLeftTrimMarker = (s: string, at: number) => s[at] === "-" && isSpace(s[at + 1]);
const hasRightTrimMarker = (s: string, at: number) => isSpace(s[at]) && s[at + 1] === "-";

/**
 * All the items of `input`, ending with "eof" or with the first "error". `breakOK` and
 * `continueOK` are false when a function of that name shadows the keyword, as in Go.
 */
export function lex(input: string, breakOK = true, continueOK = true): Item[] {
  return new Lexer(input, breakOK, continueOK).run();
}

type State = ((this: Lexer) => State) | null;

class Lexer {
  private pos = 0;
  private start = 0;
  private parenDepth = 0;
  private readonly items: Item[] = [];
  private lineCache = { pos: 0, line: 1 };

  constructor(
    private readonly input: string,
    private readonly breakOK: boolean,
    private readonly continueOK: boolean,
  ) {}

  run(): Item[] {
    for (let state: State = this.lexText; state; ) state = state.call(this);
    return this.items;
  }

  /** The next code point (as a string), or undefined at the end. */
  private next(): string | undefined {
    if (this.pos >= this.input.length) {
      this.pos = this.input.length + 1;
      return undefined;
    }
    const ch = String.fromCodePoint(this.input.codePointAt(this.pos)!);
    this.pos += ch.length;
    return ch;
  }

  private backup(ch: string | undefined): void {
    this.pos -= ch === undefined ? 1 : ch.length;
  }

  private peek(): string | undefined {
    const ch = this.next();
    this.backup(ch);
    return ch;
  }

  private lineAt(pos: number): number {
    // Items come in order, so counting on from the last answer is enough.
    if (pos < this.lineCache.pos) this.lineCache = { pos: 0, line: 1 };
    let { line } = this.lineCache;
    for (let i = this.lineCache.pos; i < pos; i++) if (this.input[i] === "\n") line++;
    this.lineCache = { pos, line };
    return line;
  }

  private emit(type: ItemType): void {
    this.items.push({ type, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.lineAt(this.start) });
    this.start = this.pos;
  }

  private ignore(): void {
    this.start = this.pos;
  }

  private errorf(message: string): State {
    this.items.push({ type: "error", pos: this.start, val: message, line: this.lineAt(this.start) });
    return null;
  }

  private accept(valid: string): boolean {
    const ch = this.next();
    if (ch !== undefined && valid.includes(ch)) return true;
    this.backup(ch);
    return false;
  }

  private acceptRun(valid: string): void {
    for (;;) {
      const ch = this.next();
      if (ch === undefined || !valid.includes(ch)) return this.backup(ch);
    }
  }

  private lexText(): State {
    const x = this.input.indexOf(LEFT, this.pos);
    if (x < 0) {
      this.pos = this.input.length;
      if (this.pos > this.start) this.emit("text");
      this.emit("eof");
      return null;
    }
    let end = x;
    if (hasLeftTrimMarker(this.input, x + LEFT.length)) while (end > this.start && isSpace(this.input[end - 1])) end--;
    this.pos = end;
    if (this.pos > this.start) this.emit("text");
    this.pos = x;
    this.ignore();
    return this.lexLeftDelim;
  }

  private atRightDelim(): { delim: boolean; trim: boolean } {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(RIGHT, this.pos + 2)) return { delim: true, trim: true };
    return { delim: this.input.startsWith(RIGHT, this.pos), trim: false };
  }

  private lexLeftDelim(): State {
    this.pos += LEFT.length;
    const trim = hasLeftTrimMarker(this.input, this.pos);
    const afterMarker = trim ? 2 : 0;
    if (this.input.startsWith(LEFT_COMMENT, this.pos + afterMarker)) {
      this.pos += afterMarker;
      this.ignore();
      return this.lexComment;
    }
    this.emit("leftDelim");
    this.pos += afterMarker;
    this.ignore();
    this.parenDepth = 0;
    return this.lexInsideAction;
  }

  private lexComment(): State {
    this.pos += LEFT_COMMENT.length;
    const i = this.input.indexOf(RIGHT_COMMENT, this.pos);
    if (i < 0) return this.errorf("unclosed comment");
    this.pos = i + RIGHT_COMMENT.length;
    const { delim, trim } = this.atRightDelim();
    if (!delim) return this.errorf("comment ends before closing delimiter");
    this.pos += (trim ? 2 : 0) + RIGHT.length;
    if (trim) this.skipSpace();
    this.ignore();
    return this.lexText;
  }

  private skipSpace(): void {
    while (isSpace(this.input[this.pos])) this.pos++;
  }

  private lexRightDelim(): State {
    const trim = hasRightTrimMarker(this.input, this.pos);
    if (trim) {
      this.pos += 2;
      this.ignore();
    }
    this.pos += RIGHT.length;
    this.emit("rightDelim");
    if (trim) {
      this.skipSpace();
      this.ignore();
    }
    return this.lexText;
  }

  private lexInsideAction(): State {
    if (this.atRightDelim().delim) {
      if (this.parenDepth === 0) return this.lexRightDelim;
      return this.errorf("unclosed left paren");
    }
    const ch = this.next();
    if (ch === undefined) return this.errorf("unclosed action");
    if (isSpace(ch)) {
      this.backup(ch); // the space may begin " -}}"
      return this.lexSpace;
    }
    switch (ch) {
      case "=":
        this.emit("assign");
        return this.lexInsideAction;
      case ":":
        if (this.next() !== "=") return this.errorf("expected :=");
        this.emit("declare");
        return this.lexInsideAction;
      case "|":
        this.emit("pipe");
        return this.lexInsideAction;
      case '"':
        return this.lexQuote;
      case "`":
        return this.lexRawQuote;
      case "$":
        return this.lexVariable;
      case "'":
        return this.lexChar;
      case "(":
        this.emit("leftParen");
        this.parenDepth++;
        return this.lexInsideAction;
      case ")":
        this.emit("rightParen");
        this.parenDepth--;
        if (this.parenDepth < 0) return this.errorf(`unexpected right paren ${unicodeName(ch)}`);
        return this.lexInsideAction;
    }
    if (ch === "." && !/[0-9]/.test(this.input[this.pos] ?? "")) return this.lexField;
    if (ch === "." || ch === "+" || ch === "-" || /[0-9]/.test(ch)) {
      this.backup(ch);
      return this.lexNumber;
    }
    if (isAlphaNumeric(ch)) {
      this.backup(ch);
      return this.lexIdentifier;
    }
    if (ch.codePointAt(0)! < 0x7f && ch >= " ") {
      this.emit("char");
      return this.lexInsideAction;
    }
    return this.errorf(`unrecognized character in action: ${unicodeName(ch)}`);
  }

  private lexSpace(): State {
    let spaces = 0;
    while (isSpace(this.peek())) {
      this.next();
      spaces++;
    }
    // " -}}" ends the action: the space before the marker belongs to the delimiter.
    if (hasRightTrimMarker(this.input, this.pos - 1) && this.input.startsWith(RIGHT, this.pos + 1)) {
      this.pos--;
      if (spaces === 1) return this.lexRightDelim;
    }
    this.emit("space");
    return this.lexInsideAction;
  }

  private lexIdentifier(): State {
    for (;;) {
      const ch = this.next();
      if (isAlphaNumeric(ch)) continue;
      this.backup(ch);
      const word = this.input.slice(this.start, this.pos);
      if (!this.atTerminator()) return this.errorf(`bad character ${unicodeName(ch!)}`);
      const keyword = KEYWORDS[word];
      if (keyword && !(keyword === "break" && !this.breakOK) && !(keyword === "continue" && !this.continueOK)) this.emit(keyword);
      else if (word === "true" || word === "false") this.emit("bool");
      else this.emit("identifier");
      return this.lexInsideAction;
    }
  }

  private lexField(): State {
    return this.lexFieldOrVariable("field");
  }

  private lexVariable(): State {
    return this.lexFieldOrVariable("variable");
  }

  private lexFieldOrVariable(type: "field" | "variable"): State {
    if (this.atTerminator()) {
      this.emit(type === "variable" ? "variable" : "dot");
      return this.lexInsideAction;
    }
    let ch: string | undefined;
    for (;;) {
      ch = this.next();
      if (!isAlphaNumeric(ch)) break;
    }
    this.backup(ch);
    if (!this.atTerminator()) return this.errorf(`bad character ${unicodeName(ch!)}`);
    this.emit(type);
    return this.lexInsideAction;
  }

  private atTerminator(): boolean {
    const ch = this.peek();
    if (ch === undefined || isSpace(ch) || ".,|:)(".includes(ch)) return true;
    return this.input.startsWith(RIGHT, this.pos);
  }

  private lexChar(): State {
    for (;;) {
      let ch = this.next();
      if (ch === "\\") {
        ch = this.next();
        if (ch !== undefined && ch !== "\n") continue;
      }
      if (ch === undefined || ch === "\n") return this.errorf("unterminated character constant");
      if (ch === "'") break;
    }
    this.emit("charConstant");
    return this.lexInsideAction;
  }

  private lexNumber(): State {
    const bad = () => this.errorf(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
    if (!this.scanNumber()) return bad();
    const sign = this.peek();
    // Go reads on for a complex constant ("1+2i"); those are not supported here.
    if (sign === "+" || sign === "-") {
      this.scanNumber();
      return bad();
    }
    this.emit("number");
    return this.lexInsideAction;
  }

  private scanNumber(): boolean {
    this.accept("+-");
    let digits = "0123456789_";
    if (this.accept("0")) {
      if (this.accept("xX")) digits = "0123456789abcdefABCDEF_";
      else if (this.accept("oO")) digits = "01234567_";
      else if (this.accept("bB")) digits = "01_";
    }
    this.acceptRun(digits);
    if (this.accept(".")) this.acceptRun(digits);
    if (digits.length === 11 && this.accept("eE")) {
      this.accept("+-");
      this.acceptRun("0123456789_");
    }
    if (digits.length === 23 && this.accept("pP")) {
      this.accept("+-");
      this.acceptRun("0123456789_");
    }
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }

  private lexQuote(): State {
    for (;;) {
      let ch = this.next();
      if (ch === "\\") {
        ch = this.next();
        if (ch !== undefined && ch !== "\n") continue;
      }
      if (ch === undefined || ch === "\n") return this.errorf("unterminated quoted string");
      if (ch === '"') break;
    }
    this.emit("string");
    return this.lexInsideAction;
  }

  private lexRawQuote(): State {
    const end = this.input.indexOf("`", this.pos);
    if (end < 0) return this.errorf("unterminated raw quoted string");
    this.pos = end + 1;
    this.emit("rawString");
    return this.lexInsideAction;
  }
}
