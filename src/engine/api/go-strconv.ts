// Docker's filter errors quote the user's text and number parse failures as Go prints them; these
// give the same words for the same input (Go's strconv.Quote, Atoi, ParseInt and ParseUint).

const ESCAPES: Record<string, string> = { "\x07": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v", '"': '\\"', "\\": "\\\\" };

/** Go's strconv.Quote (what `%q` prints): printable characters as they are, the rest escaped. */
export function quote(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (ESCAPES[char]) out += ESCAPES[char];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += char;
  }
  return out + '"';
}

/** Go's strconv.NumError text: `strconv.Atoi: parsing "x": invalid syntax`. */
export class NumError extends Error {
  constructor(fn: string, text: string, reason: "invalid syntax" | "value out of range") {
    super(`strconv.${fn}: parsing ${quote(text)}: ${reason}`);
  }
}

function parseDecimal(fn: string, text: string, signed: boolean, bits: number): bigint {
  if (!(signed ? /^[+-]?\d+$/ : /^\d+$/).test(text)) throw new NumError(fn, text, "invalid syntax");
  const value = BigInt(text);
  const limit = signed ? 1n << BigInt(bits - 1) : 1n << BigInt(bits);
  if (value >= limit || (signed && value < -limit)) throw new NumError(fn, text, "value out of range");
  return value;
}

/** strconv.Atoi (a 64-bit int). */
export function atoi(text: string): number {
  return Number(parseDecimal("Atoi", text, true, 64));
}

/** strconv.ParseInt(text, 10, 64). */
export function parseInt64(text: string): bigint {
  return parseDecimal("ParseInt", text, true, 64);
}

/** strconv.ParseUint(text, 10, bits). */
export function parseUint(text: string, bits: number): number {
  return Number(parseDecimal("ParseUint", text, false, bits));
}
