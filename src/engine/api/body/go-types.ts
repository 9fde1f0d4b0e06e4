/**
 * Go's types, as much of them as encoding/json looks at: enough to decode a body as moby's
 * structs decode it and to name a type in an error as reflect.Type.String() names it
 * ("int64", "[]string", "container.HostConfig", "map[string]*network.EndpointSettings").
 */
export type GoType =
  | { kind: "string" | "bool"; name: string }
  | { kind: "int"; name: string; bits: 8 | 16 | 32 | 64; signed: boolean }
  | { kind: "slice"; name: string; elem: GoType }
  | { kind: "array"; name: string; elem: GoType; length: number }
  | { kind: "map"; name: string; elem: GoType }
  | { kind: "pointer"; name: string; elem: GoType }
  | { kind: "struct"; name: string; fields: readonly GoField[] }
  /** strslice.StrSlice: its UnmarshalJSON takes a list of strings, or one string. */
  | { kind: "strslice"; name: string };

export interface GoField {
  /** The JSON name (the field's name, or its json tag's). */
  json: string;
  type: GoType;
  /** An embedded struct (or pointer to one): its fields are promoted, as Go promotes them. */
  embedded?: boolean;
}

export type GoStruct = Extract<GoType, { kind: "struct" }>;

export const str = (name = "string"): GoType => ({ kind: "string", name });
export const bool: GoType = { kind: "bool", name: "bool" };
export const int = (name: string, bits: 8 | 16 | 32 | 64 = 64): GoType => ({ kind: "int", name, bits, signed: true });
export const uint = (name: string, bits: 8 | 16 | 32 | 64 = 64): GoType => ({ kind: "int", name, bits, signed: false });
export const slice = (elem: GoType, name = `[]${elem.name}`): GoType => ({ kind: "slice", name, elem });
export const array = (elem: GoType, length: number): GoType => ({ kind: "array", name: `[${length}]${elem.name}`, elem, length });
export const map = (elem: GoType, name = `map[string]${elem.name}`): GoType => ({ kind: "map", name, elem });
export const pointer = (elem: GoType): GoType => ({ kind: "pointer", name: `*${elem.name}`, elem });
/** A struct: its own fields, then embedded ones (a struct or a pointer to one) whose fields are promoted. */
export const struct = (name: string, fields: Record<string, GoType>, embedded: readonly GoType[] = []): GoStruct => ({
  kind: "struct",
  name,
  fields: [...Object.entries(fields).map(([json, type]) => ({ json, type })), ...embedded.map((type) => ({ json: innerStruct(type).name.split(".").pop()!, type, embedded: true }))],
});
export const strslice: GoType = { kind: "strslice", name: "strslice.StrSlice" };
/** struct{}: the value type of Go's sets (map[string]struct{}). */
export const emptyStruct: GoStruct = { kind: "struct", name: "struct {}", fields: [] };

/** reflect.Type.Name(): the struct's name without its package, as Go's errors give it. */
export function structName(type: GoStruct): string {
  return type.name.includes(".") ? type.name.split(".").pop()! : "";
}

/** A struct's fields, an embedded struct's in its place, as Go promotes them. */
export function promotedFields(type: GoStruct): GoField[] {
  return type.fields.flatMap((field) => (field.embedded ? promotedFields(innerStruct(field.type)) : [field]));
}

function innerStruct(type: GoType): GoStruct {
  const inner = type.kind === "pointer" ? type.elem : type;
  if (inner.kind !== "struct") throw new Error(`${type.name} cannot be embedded`);
  return inner;
}
