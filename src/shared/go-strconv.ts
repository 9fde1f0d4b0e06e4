// Docker's filter errors give number parse failures as Go prints them; these give the same words
// for the same input (Go's strconv Atoi, ParseInt and ParseUint).
import { goQuote } from "./go-quote";

/** Go's strconv.NumError text: `strconv.Atoi: parsing "x": invalid syntax`. */
export class NumError extends Error {
  constructor(fn: string, text: string, reason: "invalid syntax" | "value out of range") {
    super(`strconv.${fn}: parsing ${goQuote(text)}: ${reason}`);
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
