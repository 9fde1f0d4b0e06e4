/**
 * Go's literal syntax inside actions: strconv.Unquote for "..." `...` and '...', and the
 * numbers the parser accepts (0x1F, 0o17, 017, 0b101, 1_000, 1.5e3, 0x1p-2, 'a').
 * Errors are Go's own words ("invalid syntax", `integer overflow: "..."`).
 */
export class LiteralError extends Error {}

/** strconv.Unquote of a "..." or `...` string as written in the template. */
export function unquote(quoted: string): string {
  const quote = quoted[0];
  if (quoted.length < 2 || quoted[quoted.length - 1] !== quote) throw new LiteralError("invalid syntax");
  const body = quoted.slice(1, -1);
  if (quote === "`") {
    if (body.includes("`")) throw new LiteralError("invalid syntax");
    return body.replace(/\r/g, ""); // Go drops carriage returns from raw strings
  }
  if (quote !== '"') throw new LiteralError("invalid syntax");
  let out = "";
  let i = 0;
  while (i < body.length) {
    const [ch, next] = unquoteChar(body, i, quote);
    out += ch;
    i = next;
  }
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };

// One character of a quoted literal starting at `i`: its value and where the next one starts.
function unquoteChar(s: string, i: number, quote: string): [string, number] {
  const ch = String.fromCodePoint(s.codePointAt(i)!);
  if (ch === quote || ch === "\n") throw new LiteralError("invalid syntax");
  if (ch !== "\\") return [ch, i + ch.length];
  const c = s[i + 1];
  if (c === undefined) throw new LiteralError("invalid syntax");
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return [simple, i + 2];
  if (c === "'" || c === '"') {
    if (c !== quote) throw new LiteralError("invalid syntax");
    return [c, i + 2];
  }
  const hexLength = c === "x" ? 2 : c === "u" ? 4 : c === "U" ? 8 : 0;
  if (hexLength > 0) {
    const hex = s.slice(i + 2, i + 2 + hexLength);
    if (hex.length !== hexLength || !/^[0-9a-fA-F]+$/.test(hex)) throw new LiteralError("invalid syntax");
    const cp = parseInt(hex, 16);
    if (c !== "x" && (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))) throw new LiteralError("invalid syntax");
    return [String.fromCodePoint(cp), i + 2 + hexLength];
  }
  const octal = s.slice(i + 1, i + 4);
  if (/^[0-7]{3}$/.test(octal) && parseInt(octal, 8) <= 255) return [String.fromCodePoint(parseInt(octal, 8)), i + 4];
  throw new LiteralError("invalid syntax");
}

/** A number literal: its value, and whether Go reads it as an integer (IsInt). */
export interface NumberLiteral {
  value: number;
  isInt: boolean;
  /** An integer too large for int64 but not for uint64: Go's IsUint alone. */
  uintOnly: boolean;
}

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

export function parseNumber(text: string, isChar: boolean): NumberLiteral {
  if (isChar) {
    const ch = unquoteCharConstant(text);
    return { value: ch.codePointAt(0)!, isInt: true, uintOnly: false };
  }
  const int = parseInteger(text);
  if (int !== undefined && int >= -INT64_MAX - 1n && int <= UINT64_MAX) {
    const isInt = int <= INT64_MAX;
    return { value: Number(int), isInt, uintOnly: !isInt };
  }
  const float = parseFloatLiteral(text);
  if (float === undefined) throw new LiteralError(`illegal number syntax: ${JSON.stringify(text)}`);
  // Digits alone that only a float can hold are an integer too big, not a float.
  if (!/[.eEpP]/.test(text)) throw new LiteralError(`integer overflow: ${JSON.stringify(text)}`);
  const isInt = Number.isInteger(float) && Math.abs(float) < 2 ** 63;
  return { value: float, isInt, uintOnly: false };
}

function unquoteCharConstant(text: string): string {
  const [ch, next] = unquoteChar(text, 1, "'");
  if (text.slice(next) !== "'") throw new LiteralError(`malformed character constant: ${text}`);
  return ch;
}

// strconv.ParseInt with base 0: prefixes 0x 0o 0b, a bare leading 0 for octal, underscores.
function parseInteger(text: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (!m) return undefined;
  let digits = m[2]!.replace(/_/g, "");
  if (/^0[0-7]+$/.test(digits)) digits = "0o" + digits.slice(1);
  if (/^0[xXoObB]$/.test(digits)) return undefined;
  const value = BigInt(digits);
  return m[1] === "-" ? -value : value;
}

// strconv.ParseFloat: decimal or hexadecimal mantissa with an exponent.
function parseFloatLiteral(text: string): number | undefined {
  const clean = text.replace(/_/g, "");
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(clean)) return Number(clean);
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(clean);
  if (!hex || hex[2]! + hex[3]! === "") return undefined;
  const mantissa = parseInt(hex[2]! + hex[3]!, 16) / 16 ** hex[3]!.length;
  const value = mantissa * 2 ** Number(hex[4]);
  return hex[1] === "-" ? -value : value;
}
