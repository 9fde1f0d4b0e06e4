import { describe, expect, it } from "vitest";
import { DetachScanner, parseDetachKeys } from "./detach-keys";

describe("detach keys", () => {
  it("reads Docker's notation", () => {
    expect(parseDetachKeys(undefined)).toEqual([16, 17]);
    expect(parseDetachKeys("ctrl-a,x")).toEqual([1, 120]);
    expect(() => parseDetachKeys("alt-x")).toThrow("Invalid detach keys (alt-x) provided");
  });

  it("passes everything but a complete sequence, even split across reads", () => {
    const scanner = new DetachScanner([16, 17]);
    expect(scanner.scan(new Uint8Array([104, 16, 105]))).toEqual({ pass: new Uint8Array([104, 16, 105]), detached: false });
    expect(scanner.scan(new Uint8Array([97, 16]))).toEqual({ pass: new Uint8Array([97]), detached: false });
    expect(scanner.scan(new Uint8Array([17, 98]))).toEqual({ pass: new Uint8Array([]), detached: true });
  });
});
