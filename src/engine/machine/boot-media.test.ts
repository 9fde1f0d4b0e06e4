import { describe, expect, it } from "vitest";
import { DrydockError } from "../../shared/errors";
import type { ImageManifest, SnapshotInfo } from "../../shared/images";
import { fetchBootMedia } from "./boot-media";
import { SNAPSHOT_INFO } from "./boot-config";
import { sha256Hex } from "../../shared/sha256";
import type { ImageSource } from "./image-source";
import { snapshotInputs } from "./snapshot-inputs";

const bytes = (text: string) => new TextEncoder().encode(text);
const page = bytes("<!doctype html><html><body>the app</body></html>");
const V86 = "test";

/** public/images with the three committed files, a manifest for them, and whatever `extra` adds (or takes away: undefined). */
async function images(extra: Record<string, Uint8Array | undefined>): Promise<ImageSource> {
  const files: Record<string, Uint8Array | undefined> = { bzImage: bytes("kernel"), "initramfs.cpio.lz4": bytes("initrd"), "bios.bin": bytes("bios") };
  const manifest = { files: {} } as ImageManifest;
  for (const [name, content] of Object.entries(files)) Object.assign(manifest.files, { [name]: { sha256: await sha256Hex(content!), size: content!.length } });
  Object.assign(files, { "manifest.json": bytes(JSON.stringify(manifest)) }, extra);
  return {
    describe: (name) => `public/images/${name}`,
    read: async (name) => files[name] ?? Promise.reject(new DrydockError("NotFound", `public/images/${name} is missing`)),
  };
}

async function boot(source: ImageSource) {
  const notices: string[] = [];
  const fetched = await fetchBootMedia({ images: source, compileWasm: async () => ({}) as WebAssembly.Module, v86Version: V86, onNotice: (n) => notices.push(n) });
  return { cold: Boolean(fetched.media.cold), restored: Boolean(fetched.media.state), notices };
}

async function snapshotRecord(state: Uint8Array, change: Partial<SnapshotInfo> = {}): Promise<Uint8Array> {
  const manifest = JSON.parse(new TextDecoder().decode(await (await images({})).read("manifest.json"))) as ImageManifest;
  const info: SnapshotInfo = { file: "snapshot.bin.zst", sha256: await sha256Hex(state), size: state.length, inputs: await snapshotInputs(manifest, V86), v86: V86, memoryBytes: 1, screen: "$ " };
  return bytes(JSON.stringify({ ...info, ...change }));
}

describe("fetchBootMedia", () => {
  it("restores a snapshot that matches the images", async () => {
    const state = bytes("state");
    expect(await boot(await images({ [SNAPSHOT_INFO]: await snapshotRecord(state), "snapshot.bin.zst": state }))).toEqual({ cold: false, restored: true, notices: [] });
  });

  it("cold boots, with the notice, when there is no snapshot", async () => {
    expect(await boot(await images({}))).toEqual({ cold: true, restored: false, notices: [expect.stringMatching(/^There is no VM snapshot yet, so the guest cold boots/)] });
  });

  it("cold boots, with a notice, when the snapshot's record is something else: a web page, JSON of another shape", async () => {
    for (const record of [page, bytes("[]"), bytes('{"file": 1}')]) {
      const result = await boot(await images({ [SNAPSHOT_INFO]: record }));
      expect(result).toEqual({ cold: true, restored: false, notices: [expect.stringMatching(/^The VM snapshot could not be used \(public\/images\/snapshot\.json is not (valid JSON|a snapshot's record)\); cold booting instead\./)] });
    }
  });

  it("cold boots, with a notice, when the snapshot file is missing or not what its record says", async () => {
    const record = await snapshotRecord(bytes("state"));
    for (const state of [undefined, page]) {
      const result = await boot(await images({ [SNAPSHOT_INFO]: record, "snapshot.bin.zst": state }));
      expect(result).toEqual({ cold: true, restored: false, notices: [expect.stringMatching(/^The VM snapshot could not be used \(public\/images\/snapshot\.bin\.zst is (missing|damaged)/)] });
    }
  });

  it("still refuses a committed image that is missing or damaged", async () => {
    await expect(boot(await images({ bzImage: page }))).rejects.toThrow(/^public\/images\/bzImage is damaged: it is \d+ bytes, the manifest says 6\./);
    await expect(boot(await images({ bzImage: undefined }))).rejects.toThrow(/^public\/images\/bzImage is missing\. Restore it/);
    await expect(boot(await images({ "manifest.json": page }))).rejects.toThrow(/^public\/images\/manifest\.json is not valid JSON/);
  });
});
