/**
 * JavaScript values read as the Go values docker/cli's templates see: a string is a string, a
 * whole number an int (a float64 otherwise, or past int64), an array a slice, a plain object
 * a map[string]interface{} (JSON decoded), null a nil pointer, undefined no value at all (a
 * missing map key), and any other object a pointer to a struct whose functions are methods.
 */

/** Marks a plain object as a struct (a missing field is then an error) and names its Go type. */
export const goType: unique symbol = Symbol("goType");

export type GoKind = "nil" | "bool" | "int" | "float" | "string" | "slice" | "map" | "struct" | "func";

export function goKind(value: unknown): GoKind {
  switch (typeof value) {
    case "undefined":
      return "nil";
    case "boolean":
      return "bool";
    case "number":
      return isInt(value) ? "int" : "float";
    case "bigint":
      return "int";
    case "string":
      return "string";
    case "function":
      return "func";
    case "symbol":
      return "nil";
  }
  if (value === null) return "nil";
  if (Array.isArray(value)) return "slice";
  return isStruct(value as object) ? "struct" : "map";
}

export function isInt(n: number): boolean {
  return Number.isInteger(n) && Math.abs(n) < 2 ** 63;
}

function isStruct(value: object): boolean {
  if (goType in value) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto !== null && proto !== Object.prototype;
}

/** Go's name for the value's type, as error messages and %T show it. */
export function goTypeName(value: unknown): string {
  switch (goKind(value)) {
    case "nil":
      return "<nil>";
    case "bool":
      return "bool";
    case "int":
      return "int";
    case "float":
      return "float64";
    case "string":
      return "string";
    case "slice":
      return "[]interface {}";
    case "map":
      return "map[string]interface {}";
    case "func":
      return "func()";
    case "struct": {
      const named = (value as { [goType]?: unknown })[goType];
      if (typeof named === "string") return named;
      return `*${(value as object).constructor.name}`;
    }
  }
}

/**
 * A field or method of a map or struct: present when the object has it (its own, or its
 * class's), never a member every object inherits ("toString" is no map key).
 */
export function lookupField(object: object, name: string): { found: boolean; value?: unknown } {
  if (!(name in object)) return { found: false };
  if (name in Object.prototype && !Object.prototype.hasOwnProperty.call(object, name)) return { found: false };
  return { found: true, value: (object as Record<string, unknown>)[name] };
}

/** A map's entries in Go's order (sorted keys); functions stand for methods, not entries. */
export function mapEntries(map: object): [string, unknown][] {
  return Object.keys(map)
    .map((key): [string, unknown] => [key, (map as Record<string, unknown>)[key]])
    .filter(([, value]) => typeof value !== "function")
    .sort(([a], [b]) => compareStrings(a, b));
}

/** Go's string order: by code point, which is UTF-8 byte order (UTF-16 units sort otherwise). */
export function compareStrings(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** len() of a Go string: its UTF-8 bytes. */
export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Go's truth for if, with, and, or, not: not the zero value (empty, 0, false, nil). */
export function isTrue(value: unknown): boolean {
  switch (goKind(value)) {
    case "nil":
      return false;
    case "bool":
      return value as boolean;
    case "int":
    case "float":
      return value != 0;
    case "string":
      return (value as string).length > 0;
    case "slice":
      return (value as unknown[]).length > 0;
    case "map":
      return mapEntries(value as object).length > 0;
    default:
      return true;
  }
}
