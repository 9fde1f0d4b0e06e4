import { describe, expect, it } from "vitest";
import { decodeFirst, hasMore, type JsonValue } from "./go-json";

const bytes = (text: string) => new TextEncoder().encode(text);
const read = (text: string) => decodeFirst(bytes(text));
const error = (text: string) => {
  try {
    read(text);
  } catch (e) {
    return (e as Error).message;
  }
  return "no error";
};

describe("decodeFirst, as Go's json.Decoder reads a body", () => {
  it("reads values, keeping an object's keys in order with their repeats", () => {
    expect(read('{"a":1,"A":[true,null,"x"],"a":{}}').value).toEqual({
      kind: "object",
      entries: [
        ["a", { kind: "number", text: "1" }],
        ["A", { kind: "array", items: [{ kind: "bool", value: true }, { kind: "null" }, { kind: "string", value: "x" }] }],
        ["a", { kind: "object", entries: [] }],
      ],
    } satisfies JsonValue);
    expect(read(" -12.5e+3 ").value).toEqual({ kind: "number", text: "-12.5e+3" });
  });

  it("resolves escapes, and a lone surrogate becomes U+FFFD", () => {
    expect(read(String.raw`"a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"`).value).toEqual({ kind: "string", value: 'a"\\/\b\f\n\r\té😀' });
    expect(read(String.raw`"\ud800x\udc00"`).value).toEqual({ kind: "string", value: "\ufffdx\ufffd" });
  });

  it("gives Go's syntax errors, naming the byte as Go quotes it", () => {
    expect(error("{bad")).toBe("invalid character 'b' looking for beginning of object key string");
    expect(error("{not json")).toBe("invalid character 'n' looking for beginning of object key string");
    expect(error("x")).toBe("invalid character 'x' looking for beginning of value");
    expect(error('{"a" 1}')).toBe("invalid character '1' after object key");
    expect(error('{"a":1 "b"}')).toBe("invalid character '\"' after object key:value pair");
    expect(error("[1 2]")).toBe("invalid character '2' after array element");
    expect(error('"a\u0001"')).toBe("invalid character '\\x01' in string literal");
    expect(error('"\n"')).toBe("invalid character '\\n' in string literal");
    expect(error('"\\x"')).toBe("invalid character 'x' in string escape code");
    expect(error('"\\u12g4"')).toBe("invalid character 'g' in \\u hexadecimal character escape");
    expect(error("-x")).toBe("invalid character 'x' in numeric literal");
    expect(error("1.x")).toBe("invalid character 'x' after decimal point in numeric literal");
    expect(error("1ex")).toBe("invalid character 'x' in exponent of numeric literal");
    expect(error("tru ")).toBe("invalid character ' ' in literal true (expecting 'e')");
    expect(error("nul!")).toBe("invalid character '!' in literal null (expecting 'l')");
    expect(error("[']")).toBe("invalid character '\\'' looking for beginning of value");
    // A byte-order mark is not JSON to Go; the byte is named as the Latin-1 rune of its value.
    expect(() => decodeFirst(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toThrow("invalid character 'ï' looking for beginning of value");
    expect(() => decodeFirst(new Uint8Array([0x85]))).toThrow("invalid character '\\u0085' looking for beginning of value");
  });

  it("says EOF for nothing, and unexpected EOF for a value cut short", () => {
    expect(error("")).toBe("EOF");
    expect(error(" \n\t")).toBe("EOF");
    expect(error('{"Image"')).toBe("unexpected EOF");
    expect(error("[1,")).toBe("unexpected EOF");
    expect(error("tr")).toBe("unexpected EOF");
    expect(read("5").value).toEqual({ kind: "number", text: "5" });
  });

  it("takes 10,000 levels of nesting, and refuses one more as Go does, without a deep stack", () => {
    expect(read("[".repeat(10_000) + "]".repeat(10_000)).value.kind).toBe("array");
    expect(error("[".repeat(10_001) + "]".repeat(10_001))).toBe("invalid character '[' exceeded max depth");
    expect(error('{"a":'.repeat(10_001))).toBe("invalid character '{' exceeded max depth");
    expect(error("[".repeat(1_000_000))).toBe("invalid character '[' exceeded max depth");
  });

  it("stops after the first value; More sees what follows (but not a closing bracket)", () => {
    const input = bytes('{"a":1} {"b":2}');
    const { value, end } = decodeFirst(input);
    expect(value.kind).toBe("object");
    expect(hasMore(input, end)).toBe(true);
    expect(hasMore(bytes('{} \n'), read("{} \n").end)).toBe(false);
    expect(hasMore(bytes("{}]"), read("{}]").end)).toBe(false);
    expect(hasMore(bytes("5x"), read("5x").end)).toBe(true);
    expect(read('{"a":1}garbage').value.kind).toBe("object");
  });
});
