import type { FlagType } from "./flag-spec";

/** A flag value that does not parse: pflag's wording after "invalid argument ... flag: ". */
export class ValueError extends Error {}

/** strconv.ParseBool. */
export function parseBool(text: string): boolean {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(text)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(text)) return false;
  throw new ValueError(`strconv.ParseBool: parsing ${JSON.stringify(text)}: invalid syntax`);
}

/** strconv.ParseInt(text, 0, 64): decimal, or 0x / 0o / 0b prefixed, with an optional sign. */
export function parseInteger(text: string, unsigned = false): number {
  const match = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+|0[bB][01_]+|[0-9_]+)$/.exec(text);
  const fn = unsigned ? "ParseUint" : "ParseInt";
  if (!match || (unsigned && match[1] !== "")) throw new ValueError(`strconv.${fn}: parsing ${JSON.stringify(text)}: invalid syntax`);
  const digits = match[2]!.replace(/_/g, "");
  const value = /^0[0-7]+$/.test(digits) ? parseInt(digits, 8) : Number(digits.replace(/^0[oO]/, "0o"));
  if (!Number.isSafeInteger(value)) throw new ValueError(`strconv.${fn}: parsing ${JSON.stringify(text)}: value out of range`);
  return match[1] === "-" ? -value : value;
}

/** go-units RAMInBytes: "32m", "1.5g", "512kb", "100" (bytes), binary multiples. */
export function parseBytes(text: string): number {
  const match = /^(\d+(?:\.\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(text);
  if (!match) throw new ValueError(`invalid size: '${text}'`);
  const power = " kmgtp".indexOf((match[2] ?? " ").toLowerCase());
  return Math.floor(Number(match[1]) * 1024 ** power);
}

/** Docker's NanoCPUs: a decimal number of CPUs, kept in billionths. */
export function parseDecimal(text: string): number {
  const match = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.exec(text);
  if (!match) throw new ValueError(`failed to parse ${text} as a rational number`);
  return Math.round(Number(text) * 1e9);
}

/**
 * pflag's stringToString: "key=value", or several pairs separated by commas, read as one CSV
 * record when there is more than one "=" (so a value may be quoted).
 */
export function parseStringToString(text: string): [string, string][] {
  const equals = text.split("=").length - 1;
  if (equals === 0) throw new ValueError(`${text} must be formatted as key=value`);
  const pairs = equals === 1 ? [text.replace(/^"+|"+$/g, "")] : csvRecord(text);
  return pairs.map((pair) => {
    const at = pair.indexOf("=");
    if (at < 0) throw new ValueError(`${pair} must be formatted as key=value`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  });
}

/** One line of Go's encoding/csv: fields split at commas, "quoted" with "" for a quote. */
function csvRecord(line: string): string[] {
  const fail = (at: number, why: string): never => {
    throw new ValueError(`parse error on line 1, column ${at + 1}: ${why}`);
  };
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = "";
    if (line[i] === '"') {
      for (i++; ; i++) {
        if (i >= line.length) fail(i, 'extraneous or missing " in quoted-field');
        if (line[i] !== '"') field += line[i];
        else if (line[i + 1] === '"') field += line[i++];
        else if (i + 1 < line.length && line[i + 1] !== ",") fail(i + 1, 'extraneous or missing " in quoted-field');
        else break;
      }
      i++;
    } else {
      const end = line.indexOf(",", i) < 0 ? line.length : line.indexOf(",", i);
      field = line.slice(i, end);
      if (field.includes('"')) fail(i + field.indexOf('"'), 'bare " in non-quoted-field');
      i = end;
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i++;
  }
}

/** Checks a value against its flag type; repeatable types keep their text. */
export function checkValue(type: FlagType, text: string): void {
  switch (type) {
    case "bool":
      parseBool(text);
      break;
    case "int":
      parseInteger(text);
      break;
    case "uint":
      parseInteger(text, true);
      break;
    case "bytes":
      parseBytes(text);
      break;
    case "decimal":
      parseDecimal(text);
      break;
    case "filter":
      if (text !== "" && !text.includes("=")) throw new ValueError(`bad format of filter (expected name=value)`);
      break;
    case "stringToString":
      parseStringToString(text);
      break;
  }
}
