import type { JsonValue } from "./go-json";
import { promotedFields, structName, type GoField, type GoStruct, type GoType } from "./go-types";

/**
 * encoding/json's Unmarshal into a Go type, as Go 1.22 does it (the Go moby v27.5.1 was built
 * with): what it keeps, what it ignores, and the error it returns, word for word. Unknown keys
 * are skipped; a key matches a field exactly or else case-insensitively; null leaves a value
 * alone and empties a pointer, slice or map; a repeated key decodes again into the same field.
 * A mistake is remembered and decoding goes on (the first one is the error), except inside a
 * type's own UnmarshalJSON (strslice.StrSlice), which stops everything with its error.
 *
 * The value comes back as plain data: a struct as an object keyed by JSON names (an embedded
 * struct's fields at its level, as in the JSON), holding only the fields the body named.
 */
export function unmarshal(value: JsonValue, type: GoType): unknown {
  const decoder = new Decoder();
  try {
    const result = decoder.decode(value, type, undefined, NO_CONTEXT);
    if (decoder.saved !== undefined) throw new UnmarshalError(decoder.saved);
    return result;
  } catch (error) {
    if (error instanceof Abort) throw new UnmarshalError(error.message);
    throw error;
  }
}

/** An Unmarshal error; its message is Go's ("json: cannot unmarshal ..."). */
export class UnmarshalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnmarshalError";
  }
}

class Abort extends Error {}

/** Go's errorContext: the struct whose field is being decoded, and the JSON names down to it. */
interface Context {
  struct: string | undefined;
  fields: readonly string[];
}

const NO_CONTEXT: Context = { struct: undefined, fields: [] };

type Json = Record<string, unknown>;

class Decoder {
  saved: string | undefined;

  decode(value: JsonValue, type: GoType, existing: unknown, context: Context): unknown {
    switch (type.kind) {
      case "pointer":
        return value.kind === "null" ? null : this.decode(value, type.elem, existing, context);
      case "strslice":
        return this.strslice(value, context);
      case "string":
        if (value.kind === "string") return value.value;
        return this.literalOrMismatch(value, type, existing, "", context);
      case "bool":
        if (value.kind === "bool") return value.value;
        return this.literalOrMismatch(value, type, existing, false, context);
      case "int":
        if (value.kind === "number") return this.integer(value.text, type, existing, context);
        return this.literalOrMismatch(value, type, existing, 0, context);
      case "slice":
        if (value.kind === "null") return null;
        if (value.kind !== "array") return this.mismatch(value, type, existing, context);
        return value.items.map((item) => this.decode(item, type.elem, undefined, context));
      case "array": {
        if (value.kind === "null") return existing ?? zeroArray(type);
        if (value.kind !== "array") return this.mismatch(value, type, existing, context);
        const out = zeroArray(type);
        // Elements past the array's length are read and dropped, as Go drops them.
        value.items.slice(0, type.length).forEach((item, i) => (out[i] = this.decode(item, type.elem, undefined, context)));
        return out;
      }
      case "map": {
        if (value.kind === "null") return null;
        if (value.kind !== "object") return this.mismatch(value, type, existing, context);
        // Go fills the map it already has; a key such as __proto__ is just a key.
        const out: Json = (existing as Json | null | undefined) ?? Object.create(null);
        for (const [key, item] of value.entries) out[key] = this.decode(item, type.elem, out[key], context);
        return out;
      }
      case "struct":
        if (value.kind === "null") return existing ?? {};
        if (value.kind !== "object") return this.mismatch(value, type, existing, context);
        return this.struct(value.entries, type, (existing as Json | undefined) ?? {}, context);
    }
  }

  private struct(entries: [string, JsonValue][], type: GoStruct, out: Json, context: Context): Json {
    const fields = fieldIndex(type);
    for (const [key, item] of entries) {
      const field = fields.exact.get(key) ?? fields.folded.get(foldName(key));
      if (!field) continue;
      out[field.json] = this.decode(item, field.type, out[field.json], { struct: structName(type), fields: [...context.fields, field.json] });
    }
    return out;
  }

  /** strslice.StrSlice's UnmarshalJSON: a list of strings, else one string, else its error. */
  private strslice(value: JsonValue, context: Context): string[] | null {
    if (value.kind === "null") return null;
    if (value.kind === "string") return [value.value];
    if (value.kind === "array" && value.items.every((item) => item.kind === "string" || item.kind === "null")) {
      return value.items.map((item) => (item.kind === "string" ? item.value : ""));
    }
    throw new Abort(typeError(value.kind, "string", context));
  }

  private integer(text: string, type: Extract<GoType, { kind: "int" }>, existing: unknown, context: Context): unknown {
    const digits = type.signed ? /^-?[0-9]+$/ : /^[0-9]+$/;
    if (digits.test(text)) {
      const n = BigInt(text);
      const max = 2n ** BigInt(type.signed ? type.bits - 1 : type.bits);
      if (n < max && n >= (type.signed ? -max : 0n)) return Number(n);
    }
    this.save(typeError(`number ${text}`, type.name, context));
    return existing ?? 0;
  }

  /** null leaves a string, bool or number as it was; anything else of the wrong kind is an error. */
  private literalOrMismatch(value: JsonValue, type: GoType, existing: unknown, zero: unknown, context: Context): unknown {
    if (value.kind === "null") return existing ?? zero;
    return this.mismatch(value, type, existing ?? zero, context);
  }

  private mismatch(value: JsonValue, type: GoType, existing: unknown, context: Context): unknown {
    this.save(typeError(value.kind, type.name, context));
    return existing;
  }

  private save(message: string): void {
    this.saved ??= message;
  }
}

/** UnmarshalTypeError.Error() with the context Go adds. */
function typeError(value: string, type: string, context: Context): string {
  if (context.struct === undefined && context.fields.length === 0) return `json: cannot unmarshal ${value} into Go value of type ${type}`;
  return `json: cannot unmarshal ${value} into Go struct field ${context.struct ?? ""}.${context.fields.join(".")} of type ${type}`;
}

function zeroArray(type: Extract<GoType, { kind: "array" }>): unknown[] {
  const zero = type.elem.kind === "string" ? "" : type.elem.kind === "bool" ? false : type.elem.kind === "int" ? 0 : null;
  return Array.from({ length: type.length }, () => zero);
}

/** A struct's fields by exact and by folded name, made once: a body of many keys looks each one up. */
const indexes = new WeakMap<GoStruct, { exact: Map<string, GoField>; folded: Map<string, GoField> }>();

function fieldIndex(type: GoStruct): { exact: Map<string, GoField>; folded: Map<string, GoField> } {
  let index = indexes.get(type);
  if (!index) {
    index = { exact: new Map(), folded: new Map() };
    // The first field of a name wins, as in Go's field list.
    for (const field of promotedFields(type)) {
      if (!index.exact.has(field.json)) index.exact.set(field.json, field);
      if (!index.folded.has(foldName(field.json))) index.folded.set(foldName(field.json), field);
    }
    indexes.set(type, index);
  }
  return index;
}

/**
 * Go's foldName: each rune replaced by the smallest of its simple case folds, so a key matches a
 * field when they differ only in case. Field names are ASCII: of the other runes, only ſ and the
 * Kelvin sign fold into ASCII (İ and ı fold to nothing else in Go's tables).
 */
function foldName(name: string): string {
  const special: Record<string, string> = { "\u017f": "S", "\u212a": "K" };
  let out = "";
  for (const ch of name) out += ch.charCodeAt(0) < 0x80 ? ch.toUpperCase() : (special[ch] ?? ch);
  return out;
}

