import { describe, expect, it } from "vitest";
import { DrydockError } from "../../../shared/errors";
import { Filters, invalidFilter, pruneLabelsMatch, pruneUntil } from "./filters";

const parse = (value: unknown) => Filters.parse(JSON.stringify(value));

describe("Filters.parse", () => {
  it("reads the CLI's sets and the older lists alike", () => {
    const sets = Filters.parse('{"status":{"exited":true},"label":{"a=b":true,"c":true}}');
    expect(sets.get("status")).toEqual(["exited"]);
    expect(sets.get("label")).toEqual(["a=b", "c"]);
    expect(parse({ status: ["exited", "created"] }).get("status")).toEqual(["exited", "created"]);
  });

  it("takes nothing, an empty text and JSON null as no filters", () => {
    for (const text of [null, "", "null", "{}"]) expect(Filters.parse(text).contains("status")).toBe(false);
  });

  it("answers anything else with Docker's bare `invalid filter`, a 400", () => {
    for (const text of ["{bad", "3", "[]", '"status"', "true", '{"status":"exited"}', '{"status":[1]}', '{"status":{"exited":"yes"}}', '{"a":["x"],"b":{"y":true}}']) {
      const error = (() => {
        try {
          Filters.parse(text);
        } catch (e) {
          return e;
        }
      })();
      expect(error, text).toBeInstanceOf(DrydockError);
      expect(error).toMatchObject({ kind: "InvalidParameter", message: "invalid filter" });
    }
  });

  it("keeps a key whose values are null or empty (it is there, with no value)", () => {
    for (const value of [null, [], {}]) {
      const filters = parse({ label: value });
      expect(filters.contains("label")).toBe(true);
      expect(filters.get("label")).toEqual([]);
    }
  });

  it("keeps a value set to false for label lists but not for exact matches, as Go's map does", () => {
    const filters = Filters.parse('{"label":{"a":false},"status":{"exited":false}}');
    expect(filters.matchKVList("label", { b: "1" })).toBe(false);
    expect(filters.exactMatch("status", "exited")).toBe(false);
  });

  it("adds a value with `with`, leaving the original as it was", () => {
    const filters = parse({ reference: ["a"] });
    expect(filters.with("reference", "b").get("reference")).toEqual(["a", "b"]);
    expect(filters.get("reference")).toEqual(["a"]);
  });
});

describe("Filters.validate", () => {
  it("names the first key the endpoint does not take", () => {
    const accepted = new Set(["label", "until"]);
    expect(() => parse({ label: ["a"], until: ["1h"] }).validate(accepted)).not.toThrow();
    expect(() => parse({ label: ["a"], colour: ["red"], size: ["big"] }).validate(accepted)).toThrow(new DrydockError("InvalidParameter", "invalid filter 'colour'"));
    // Keys are case-sensitive, as in Go.
    expect(() => parse({ Label: ["a"] }).validate(accepted)).toThrow("invalid filter 'Label'");
  });
});

describe("matching", () => {
  it("exactMatch: any value equal; a key with no values passes everything", () => {
    const filters = parse({ type: ["container", "image"], scope: [] });
    expect(filters.exactMatch("type", "image")).toBe(true);
    expect(filters.exactMatch("type", "volume")).toBe(false);
    expect(filters.exactMatch("scope", "local")).toBe(true);
    expect(filters.exactMatch("event", "start")).toBe(true);
  });

  it("match: exact, or a regular expression found anywhere; a broken one matches nothing", () => {
    const filters = parse({ name: ["^web", "db$", "(bad"] });
    expect(filters.match("name", "web-1")).toBe(true);
    expect(filters.match("name", "main-db")).toBe(true);
    expect(filters.match("name", "cache")).toBe(false);
    expect(parse({ name: ["eb"] }).match("name", "web")).toBe(true);
    expect(parse({ name: ["(bad"] }).match("name", "(bad")).toBe(true);
  });

  it("fuzzyMatch: exact, or the source starts with a value", () => {
    const filters = parse({ container: ["3f2a"] });
    expect(filters.fuzzyMatch("container", "3f2a9c")).toBe(true);
    expect(filters.fuzzyMatch("container", "a3f2a")).toBe(false);
  });

  it("matchKVList: every label value must hold (AND), by key or key=value", () => {
    const labels = { a: "1", b: "2", empty: "" };
    expect(parse({ label: ["a=1", "b=2"] }).matchKVList("label", labels)).toBe(true);
    expect(parse({ label: ["a=1", "b=3"] }).matchKVList("label", labels)).toBe(false);
    expect(parse({ label: ["a", "c"] }).matchKVList("label", labels)).toBe(false);
    expect(parse({ label: ["a"] }).matchKVList("label", labels)).toBe(true);
    expect(parse({ label: ["empty="] }).matchKVList("label", labels)).toBe(true);
    expect(parse({ label: ["a="] }).matchKVList("label", labels)).toBe(false);
    // Only the first = splits: the value may hold more.
    expect(parse({ label: ["url=a=b"] }).matchKVList("label", { url: "a=b" })).toBe(true);
    expect(parse({ label: ["a"] }).matchKVList("label", {})).toBe(false);
    expect(parse({}).matchKVList("label", {})).toBe(true);
    expect(parse({ label: ["toString"] }).matchKVList("label", { a: "1" })).toBe(false);
  });

  it("bool: 1/true and 0/false, the default when absent, Docker's error otherwise", () => {
    expect(parse({}).bool("dangling", true)).toBe(true);
    expect(parse({ dangling: ["1"] }).bool("dangling", false)).toBe(true);
    expect(parse({ dangling: ["false"] }).bool("dangling", true)).toBe(false);
    expect(parse({ dangling: ["true", "1"] }).bool("dangling", false)).toBe(true);
    expect(() => parse({ dangling: ["maybe"] }).bool("dangling", false)).toThrow(new DrydockError("InvalidParameter", "invalid filter 'dangling=[maybe]'"));
    expect(() => parse({ dangling: ["true", "false"] }).bool("dangling", false)).toThrow("invalid filter 'dangling=[true false]'");
    expect(() => parse({ dangling: ["TRUE"] }).bool("dangling", false)).toThrow("invalid filter 'dangling=[TRUE]'");
    expect(() => parse({ dangling: [] }).bool("dangling", false)).toThrow("invalid filter 'dangling'");
  });

  it("words invalidFilter as moby does", () => {
    expect(invalidFilter().message).toBe("invalid filter");
    expect(invalidFilter("x").message).toBe("invalid filter 'x'");
    expect(invalidFilter("x", ["a", "b"]).message).toBe("invalid filter 'x=[a b]'");
    expect(invalidFilter("x").kind).toBe("InvalidParameter");
  });
});

describe("prune helpers", () => {
  it("label needs all its labels; label! spares what has all of its own", () => {
    const keep = { keep: "yes", tier: "web" };
    const match = (value: object, labels: Record<string, string>) => pruneLabelsMatch(parse(value), labels);
    expect(match({ label: ["keep=no"] }, keep)).toBe(false);
    expect(match({ label: ["keep=no"] }, { keep: "no" })).toBe(true);
    expect(match({ label: ["keep"] }, {})).toBe(false);
    expect(match({ "label!": ["keep"] }, keep)).toBe(false);
    expect(match({ "label!": ["keep"] }, {})).toBe(true);
    expect(match({ "label!": ["keep=no"] }, keep)).toBe(true);
    expect(match({ "label!": ["keep", "other"] }, keep)).toBe(true);
    expect(match({ "label!": ["keep", "tier"] }, keep)).toBe(false);
    expect(match({ label: ["tier=web"], "label!": ["keep=yes"] }, keep)).toBe(false);
    expect(match({ label: ["tier=web"], "label!": ["keep=no"] }, keep)).toBe(true);
    // A label! with no values spares everything.
    expect(match({ "label!": [] }, {})).toBe(false);
    expect(match({}, {})).toBe(true);
  });

  it("until: one value, parsed as Docker's timestamps", () => {
    const now = Date.UTC(2024, 0, 2, 12, 0, 0, 500);
    expect(pruneUntil(parse({}), now)).toBeUndefined();
    expect(pruneUntil(parse({ until: ["24h"] }), now)).toBe(Date.UTC(2024, 0, 1, 12, 0, 0));
    expect(pruneUntil(parse({ until: ["1704067200"] }), now)).toBe(Date.UTC(2024, 0, 1));
    expect(() => pruneUntil(parse({ until: ["1h", "2h"] }), now)).toThrow(new DrydockError("InvalidParameter", "more than one until filter specified"));
    expect(() => pruneUntil(parse({ until: [] }), now)).toThrow("invalid filter 'until'");
    expect(() => pruneUntil(parse({ until: ["soon"] }), now)).toThrow('failed to parse value as time or duration: "soon"');
  });
});
