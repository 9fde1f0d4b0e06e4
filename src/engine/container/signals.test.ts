import { describe, expect, it } from "vitest";
import { parseSignal } from "./signals";

describe("parseSignal", () => {
  it("reads signals as moby/sys/signal does: names with or without SIG, real-time ones, any number but 0", () => {
    expect(["KILL", "sigterm", "SIGHUP", "9", "SIGRTMIN", "RTMIN+3", "SIGRTMAX-1", "RTMAX", "100"].map(parseSignal)).toEqual([9, 15, 1, 9, 34, 37, 63, 64, 100]);
    expect(() => parseSignal("0")).toThrow("Invalid signal: 0");
    expect(() => parseSignal("NOPE")).toThrow("Invalid signal: NOPE");
    expect(() => parseSignal("RTMIN+16")).toThrow("Invalid signal: RTMIN+16");
  });
});
