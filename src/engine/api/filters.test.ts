import { describe, expect, it } from "vitest";
import { labelMatches, matchesFilters, parseFilters, unknownFilter } from "./filters";

describe("filters", () => {
  it("reads both of Docker's encodings and refuses what is not JSON", () => {
    expect(parseFilters('{"status":["exited"],"label":{"a=b":true}}')).toEqual({ status: ["exited"], label: ["a=b"] });
    expect(parseFilters(null)).toEqual({});
    expect(() => parseFilters("{bad")).toThrow("invalid filter");
    expect(() => parseFilters("3")).toThrow("invalid filter");
  });

  it("needs every key, and any one value of a key", () => {
    const match = (key: string, value: string) => ({ status: ["running"], name: ["web"] })[key as "status" | "name"]?.includes(value) ?? false;
    expect(matchesFilters({ status: ["exited", "running"], name: ["web"] }, match)).toBe(true);
    expect(matchesFilters({ status: ["exited"], name: ["web"] }, match)).toBe(false);
    expect(() => matchesFilters({ colour: ["red"] }, (key) => { throw unknownFilter(key); })).toThrow("invalid filter 'colour'");
  });

  it("matches labels by key or key=value", () => {
    expect(labelMatches({ tier: "web" }, "tier")).toBe(true);
    expect(labelMatches({ tier: "web" }, "tier=web")).toBe(true);
    expect(labelMatches({ tier: "web" }, "tier=db")).toBe(false);
    expect(labelMatches({}, "tier")).toBe(false);
  });
});
