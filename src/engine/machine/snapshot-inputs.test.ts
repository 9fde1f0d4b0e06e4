import { describe, expect, it } from "vitest";
import type { ImageManifest } from "../../shared/images";
import { snapshotInputs } from "./snapshot-inputs";

const entry = { sha256: "a".repeat(64), size: 1, package: "p", version: "1", licence: "MIT", source: "s" };
const manifest: ImageManifest = {
  files: { bzImage: entry, "initramfs.cpio.lz4": entry, "bios.bin": entry },
};

describe("snapshotInputs", () => {
  it("changes with the v86 version and with any image", async () => {
    const base = await snapshotInputs(manifest, "0.5.462");
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(await snapshotInputs(manifest, "0.5.462")).toBe(base);
    expect(await snapshotInputs(manifest, "0.5.463")).not.toBe(base);
    const other = { files: { ...manifest.files, bzImage: { ...entry, sha256: "b".repeat(64) } } };
    expect(await snapshotInputs(other, "0.5.462")).not.toBe(base);
  });
});
