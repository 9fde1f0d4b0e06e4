import { describe, expect, it } from "vitest";
import { naturalCompare } from "./natural-order";

describe("docker context ls's order", () => {
  it("compares numbers as numbers, digits first, the rest byte by byte", () => {
    const names = ["f15", "f7", "default", "f1", "a.b", "a1", "a-b", "t010", "t10", "t9", "T1", "f1x", "f"];
    expect([...names].sort(naturalCompare)).toEqual(["T1", "a1", "a-b", "a.b", "default", "f", "f1", "f1x", "f7", "f15", "t9", "t10", "t010"]);
  });
});
