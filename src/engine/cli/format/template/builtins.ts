import { sprint, sprintf, sprintln } from "../go-fmt";
import { isPrint } from "../../../../shared/go-quote";
import { compareStrings, goKind, goTypeName, isTrue, lookupField, mapEntries, utf8Length } from "../go-values";
import { FuncError, type GoFunc } from "./funcs";

/** Go's predefined template functions (text/template's builtins), but `call`. */
export const BUILTINS: Record<string, GoFunc> = {
  and: { params: ["value"], variadic: "value", stopsOn: false },
  or: { params: ["value"], variadic: "value", stopsOn: true },
  not: { params: ["value"], call: (value) => !isTrue(value) },
  len: { params: ["value"], call: length },
  index: { params: ["value"], variadic: "value", call: index },
  slice: { params: ["value"], variadic: "value", call: slice },
  print: { params: [], variadic: "any", call: (...args) => sprint(args) },
  printf: { params: ["string"], variadic: "any", call: (format, ...args) => sprintf(format as string, args) },
  println: { params: [], variadic: "any", call: (...args) => sprintln(args) },
  html: { params: [], variadic: "any", call: (...args) => htmlEscape(evalArgs(args)) },
  js: { params: [], variadic: "any", call: (...args) => jsEscape(evalArgs(args)) },
  urlquery: { params: [], variadic: "any", call: (...args) => queryEscape(evalArgs(args)) },
  eq: { params: ["value"], variadic: "value", call: eq },
  ne: { params: ["value", "value"], call: (a, b) => !eq(a, b) },
  lt: { params: ["value", "value"], call: lt },
  le: { params: ["value", "value"], call: (a, b) => lt(a, b) || eq(a, b) },
  gt: { params: ["value", "value"], call: (a, b) => !(lt(a, b) || eq(a, b)) },
  ge: { params: ["value", "value"], call: (a, b) => !lt(a, b) },
};

function length(item: unknown): number {
  // Go's reflection fails on no value at all, before it can say anything kinder.
  if (item === undefined) throw new FuncError("reflect: call of reflect.Value.Type on zero Value");
  switch (goKind(item)) {
    case "nil":
      throw new FuncError("len of nil pointer");
    case "string":
      return utf8Length(item as string);
    case "slice":
      return (item as unknown[]).length;
    case "map":
      return mapEntries(item as object).length;
    default:
      throw new FuncError(`len of type ${goTypeName(item)}`);
  }
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new FuncError("index of untyped nil");
  for (const key of indexes) {
    if (item === undefined || item === null) throw new FuncError("index of nil pointer");
    switch (goKind(item)) {
      case "slice": {
        const list = item as unknown[];
        item = list[position(key, list.length, "slice")];
        break;
      }
      case "string": {
        const bytes = new TextEncoder().encode(item as string);
        item = bytes[position(key, bytes.length, "string")];
        break;
      }
      case "map":
        if (key === undefined || key === null) throw new FuncError("value is nil; should be of type string");
        if (typeof key !== "string") throw new FuncError(`value has type ${goTypeName(key)}; should be string`);
        item = lookupField(item as object, key).value;
        break;
      default:
        throw new FuncError(`can't index item of type ${goTypeName(item)}`);
    }
  }
  return item;
}

// An index into something of `length` elements; one past the end fails inside Go's reflect.
function position(key: unknown, length: number, what: "slice" | "string"): number {
  const i = indexArg(key, length);
  if (i === length) throw new FuncError(`reflect: ${what} index out of range`);
  return i;
}

function indexArg(key: unknown, cap: number): number {
  if (key === undefined || key === null) throw new FuncError("cannot index slice/array with nil");
  if (goKind(key) !== "int") throw new FuncError(`cannot index slice/array with type ${goTypeName(key)}`);
  const i = Number(key);
  if (i < 0 || i > cap) throw new FuncError(`index out of range: ${i}`);
  return i;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new FuncError("slice of untyped nil");
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  const kind = goKind(item);
  if (kind === "string" && indexes.length === 3) throw new FuncError("cannot 3-index slice a string");
  if (kind !== "string" && kind !== "slice") throw new FuncError(`can't slice item of type ${goTypeName(item)}`);
  const bytes = kind === "string" ? new TextEncoder().encode(item as string) : undefined;
  const length = bytes ? bytes.length : (item as unknown[]).length;
  const idx = [0, length];
  indexes.forEach((key, i) => (idx[i] = indexArg(key, length)));
  const [from = 0, to = length, max] = idx;
  if (from > to) throw new FuncError(`invalid slice index: ${from} > ${to}`);
  if (max !== undefined && to > max) throw new FuncError(`invalid slice index: ${to} > ${max}`);
  return bytes ? new TextDecoder().decode(bytes.slice(from, to)) : (item as unknown[]).slice(from, to);
}

// html, js and urlquery take one string as it is, anything else as fmt.Sprint prints it.
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === "string") return args[0];
  return sprint(args);
}

function htmlEscape(text: string): string {
  const entities: Record<string, string> = { "\0": "\ufffd", '"': "&#34;", "'": "&#39;", "&": "&amp;", "<": "&lt;", ">": "&gt;" };
  return text.replace(/[\0"'&<>]/g, (ch) => entities[ch]!);
}

function jsEscape(text: string): string {
  const special: Record<string, string> = { "\\": "\\\\", "'": "\\'", '"': '\\"', "<": "\\u003C", ">": "\\u003E", "&": "\\u0026", "=": "\\u003D" };
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (special[ch]) out += special[ch];
    else if (cp < 0x20) out += `\\u00${cp.toString(16).toUpperCase().padStart(2, "0")}`;
    else if (cp < 0x80 || isPrint(ch)) out += ch;
    else out += `\\u${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return out;
}

/** url.QueryEscape: unreserved characters kept, spaces as "+", every other byte %XX. */
function queryEscape(text: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(text)) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (ch === " ") out += "+";
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

// Comparisons: Go compares booleans, numbers and strings; JavaScript has one kind of number,
// so an int and a float compare by value where Go would call them incompatible.
type Basic = "bool" | "number" | "string" | undefined;

function basicKind(value: unknown): Basic {
  const kind = goKind(value);
  if (kind === "int" || kind === "float") return "number";
  return kind === "bool" || kind === "string" ? kind : undefined;
}

function eq(a: unknown, ...others: unknown[]): boolean {
  if (others.length === 0) throw new FuncError("missing argument for comparison");
  const k1 = basicKind(a);
  for (const b of others) {
    const k2 = basicKind(b);
    let truth: boolean;
    if (k1 !== k2) {
      if (!isNil(a) && !isNil(b)) throw new FuncError("incompatible types for comparison");
      truth = false;
    } else if (k1 !== undefined) truth = a == b;
    else truth = eqOther(a, b);
    if (truth) return true;
  }
  return false;
}

// Values that are no booleans, numbers or strings: nil only equals nil; maps and slices are
// not comparable; structs (objects) are equal when they are the same one.
function eqOther(a: unknown, b: unknown): boolean {
  const ka = goKind(a);
  const kb = goKind(b);
  if (ka !== kb && !isNil(a) && !isNil(b)) {
    throw new FuncError(sprintf("non-comparable types %s: %v, %v: %s", [a, goTypeName(a), goTypeName(b), b]));
  }
  if (isNil(a) || isNil(b)) return isNil(a) === isNil(b);
  if (kb === "slice" || kb === "map" || kb === "func") throw new FuncError(sprintf("non-comparable type %s: %v", [b, goTypeName(b)]));
  return a === b;
}

function isNil(value: unknown): boolean {
  return value === undefined || value === null;
}

function lt(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === undefined || k2 === undefined) throw new FuncError("invalid type for comparison");
  if (k1 !== k2) throw new FuncError("incompatible types for comparison");
  if (k1 === "bool") throw new FuncError("invalid type for comparison");
  if (k1 === "string") return compareStrings(a as string, b as string) < 0;
  return (a as number) < (b as number);
}
