import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../shared/sha256";
import { verifyImage, type ImageSource } from "./image-source";

const source: ImageSource = { describe: (name) => `public/images/${name}`, read: async () => new Uint8Array() };

describe("verifyImage", () => {
  const bytes = new TextEncoder().encode("kernel");

  it("accepts the file the manifest describes", async () => {
    await expect(verifyImage(source, "bzImage", bytes, { sha256: await sha256Hex(bytes), size: 6 }, "hint")).resolves.toBeUndefined();
  });

  it("names the file, what is wrong, and how to fix it", async () => {
    const actual = await sha256Hex(bytes);
    await expect(verifyImage(source, "bzImage", bytes, { sha256: "0".repeat(64), size: 7 }, "Rebuild.")).rejects.toThrow(
      "public/images/bzImage is damaged: it is 6 bytes, the manifest says 7. Rebuild.",
    );
    await expect(verifyImage(source, "bzImage", bytes, { sha256: "0".repeat(64), size: 6 }, "Rebuild.")).rejects.toThrow(
      `public/images/bzImage is damaged: its sha256 is ${actual}, the manifest says ${"0".repeat(64)}. Rebuild.`,
    );
  });
});
