import { formatFloat } from "../../../../shared/go-float";
import { formatValue } from "../go-fmt";
import { compareStrings, goKind, goTypeName, mapEntries } from "../go-values";
import { FuncError, type GoFunc } from "./funcs";

/** The functions docker/cli adds to every --format template (cli/templates). */
export const DOCKER_FUNCS: Record<string, GoFunc> = {
  json: { params: ["any"], call: marshalJson },
  split: { params: ["string", "string"], call: (s, sep) => split(s as string, sep as string) },
  join: { params: ["any", "string"], call: (elems, sep) => join(elems, sep as string) },
  title: { params: ["string"], call: (s) => title(s as string) },
  lower: { params: ["string"], call: (s) => mapRunes(s as string, lowerRune) },
  upper: { params: ["string"], call: (s) => mapRunes(s as string, upperRune) },
  pad: { params: ["string", "int", "int"], call: (s, left, right) => pad(s as string, left as number, right as number) },
  truncate: { params: ["string", "int"], call: (s, n) => truncate(s as string, n as number) },
};

/** json.Marshal without HTML escaping and without the encoder's trailing newline. */
function marshalJson(value: unknown): string {
  if (typeof value === "function") throw new FuncError(`json: unsupported type: ${goTypeName(value)}`);
  const text = JSON.stringify(value ?? null, (_key, item: unknown) => {
    if (typeof item === "number" && !Number.isFinite(item)) throw new FuncError(`json: unsupported value: ${formatFloat(item, "g", -1)}`);
    if (typeof item === "bigint") return Number(item);
    return item;
  });
  // Go escapes the two line terminators that JavaScript source cannot hold in a string.
  return text.replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** strings.Split: an empty separator splits into characters. */
function split(s: string, sep: string): string[] {
  return sep === "" ? [...s] : s.split(sep);
}

/** docker/cli's joinElements: slices item by item, maps by their values (sorted), nil as "". */
function join(elems: unknown, sep: string): string {
  switch (goKind(elems)) {
    case "nil":
      return "";
    case "slice":
      return (elems as unknown[]).map(formatValue).join(sep);
    case "map":
      return mapEntries(elems as object)
        .map(([, v]) => formatValue(v))
        .sort(compareStrings)
        .join(sep);
    default:
      throw new FuncError(`expected slice, got ${goTypeName(elems)}`);
  }
}

/** strings.Title: the first letter of each word in title case. */
function title(s: string): string {
  let prev = " ";
  return mapRunes(s, (ch) => {
    const out = isSeparator(prev) ? titleRune(ch) : ch;
    prev = ch;
    return out;
  });
}

function isSeparator(ch: string): boolean {
  if (ch.codePointAt(0)! < 0x80) return !/[0-9A-Za-z_]/.test(ch);
  if (/[\p{L}\p{Nd}]/u.test(ch)) return false;
  return /\s/u.test(ch);
}

// Go maps case rune by rune: a character whose mapping is several characters stays as it is
// ("ß" upper is "ß"), and the dotted İ lowers to a plain "i".
function upperRune(ch: string): string {
  const upper = ch.toUpperCase();
  return [...upper].length === 1 ? upper : ch;
}

function lowerRune(ch: string): string {
  return [...ch.toLowerCase()][0]!;
}

const TITLE_CASE: Record<string, string> = { Ǆ: "ǅ", ǅ: "ǅ", ǆ: "ǅ", Ǉ: "ǈ", ǈ: "ǈ", ǉ: "ǈ", Ǌ: "ǋ", ǋ: "ǋ", ǌ: "ǋ", Ǳ: "ǲ", ǲ: "ǲ", ǳ: "ǲ" };

function titleRune(ch: string): string {
  return TITLE_CASE[ch] ?? upperRune(ch);
}

function mapRunes(s: string, map: (ch: string) => string): string {
  let out = "";
  for (const ch of s) out += map(ch);
  return out;
}

/** docker/cli's padWithSpace: spaces either side of a string that is not empty. */
function pad(s: string, left: number, right: number): string {
  if (s === "") return s;
  if (left < 0 || right < 0) throw new FuncError("strings: negative Repeat count");
  return " ".repeat(left) + s + " ".repeat(right);
}

/** docker/cli's truncateWithLength, counting characters where Go counts bytes. */
function truncate(s: string, length: number): string {
  const chars = [...s];
  if (chars.length < length) return s;
  if (length < 0) throw new FuncError(`runtime error: slice bounds out of range [:${length}]`);
  return chars.slice(0, length).join("");
}
