import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Sha256 } from "./sha256";

describe("Sha256", () => {
  it("matches the known vectors", () => {
    expect(new Sha256().hex()).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(new Sha256().update(new TextEncoder().encode("abc")).hex()).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("gives the same digest however the input is split", () => {
    const data = new Uint8Array(100_003).map((_, i) => (i * 31 + 7) & 0xff);
    const expected = createHash("sha256").update(data).digest("hex");
    for (const step of [1, 55, 56, 63, 64, 65, 4096, data.length]) {
      const hash = new Sha256();
      for (let i = 0; i < data.length; i += step) hash.update(data.subarray(i, i + step));
      expect(hash.hex(), `chunks of ${step}`).toBe(expected);
    }
  });
});
