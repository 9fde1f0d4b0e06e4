import { describe, expect, it } from "vitest";
import { filtersQuery } from "./filters";

describe("filtersQuery", () => {
  it("sends the flags as the docker CLI does: sets of values, names lower-cased, both sides trimmed", () => {
    expect(filtersQuery(["label=a=1", "label=b=2", " Status = exited "])).toBe('{"label":{"a=1":true,"b=2":true},"status":{"exited":true}}');
    expect(filtersQuery(["until=24h"])).toBe('{"until":{"24h":true}}');
  });

  it("sends nothing for no flags or only empty ones", () => {
    expect(filtersQuery([])).toBeUndefined();
    expect(filtersQuery([""])).toBeUndefined();
  });
});
