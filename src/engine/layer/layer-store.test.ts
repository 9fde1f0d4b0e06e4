import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { memoryFiles } from "../../../tests/support/memory-files";
import { makeTar, type TestEntry } from "../../../tests/support/tar";
import { GuestFiles } from "../machine/guest-files";
import { LayerStore } from "./layer-store";

const diffIdOf = (tar: Uint8Array) => "sha256:" + createHash("sha256").update(tar).digest("hex");

function store() {
  const fs = memoryFiles();
  return { fs, layers: new LayerStore(new GuestFiles(fs, () => {})) };
}

async function unpack(layers: LayerStore, entries: TestEntry[], gzip = false) {
  const tar = makeTar(entries);
  const diffId = diffIdOf(tar);
  await layers.unpack(diffId, gzip ? gzipSync(tar) : tar);
  return { diffId, hex: diffId.slice(7) };
}

describe("LayerStore", () => {
  it("unpacks files, directories and links with their owners and modes, gzip or not", async () => {
    const { fs, layers } = store();
    for (const gzip of [false, true]) {
      const { hex } = await unpack(
        layers,
        [
          { name: "./bin/", type: "directory" },
          { name: "./bin/busybox", body: "ELF" + String(gzip), mode: 0o4755, uid: 0, gid: 0 },
          { name: "./bin/sh", type: "symlink", linkname: "busybox" },
          { name: "./bin/ash", type: "hardlink", linkname: "bin/busybox" },
          { name: "home/user/" + "x".repeat(120), body: "long name", uid: 1000, gid: 1000 },
          { name: "run/fifo", type: "fifo" },
        ],
        gzip,
      );
      expect(fs.nodes.get(`layers/${hex}/bin/busybox`)).toMatchObject({ kind: "file", attributes: { mode: 0o4755 } });
      expect(fs.nodes.get(`layers/${hex}/bin/sh`)).toMatchObject({ kind: "symlink", target: "busybox" });
      expect(fs.nodes.get(`layers/${hex}/bin/ash`)).toBe(fs.nodes.get(`layers/${hex}/bin/busybox`));
      expect(fs.nodes.get(`layers/${hex}/home/user/${"x".repeat(120)}`)).toMatchObject({ attributes: { uid: 1000, gid: 1000 } });
      expect(layers.has(`sha256:${hex}`)).toBe(true);
    }
  });

  it("turns .wh. entries into overlay whiteouts and masks opaque directories", async () => {
    const { fs, layers } = store();
    const base = await unpack(layers, [
      { name: "etc/", type: "directory" },
      { name: "etc/keep", body: "1" },
      { name: "etc/gone", body: "2" },
      { name: "opt/", type: "directory" },
      { name: "opt/a", body: "a" },
      { name: "opt/b", body: "b" },
    ]);
    const top = await unpack(layers, [
      { name: "etc/.wh.gone", body: "" },
      { name: "opt/.wh..wh..opq", body: "" },
      { name: "opt/c", body: "c" },
    ]);
    expect(fs.nodes.get(`layers/${top.hex}/etc/gone`)?.kind).toBe("whiteout");
    expect(fs.nodes.has(`layers/${top.hex}/opt/.wh..wh..opq`)).toBe(false);
    const dirs = await layers.lowerDirs([base.diffId, top.diffId]);
    expect(dirs).toHaveLength(3);
    expect(dirs[0]).toBe(`/mnt/host/layers/${top.hex}`);
    expect(dirs[2]).toBe(`/mnt/host/layers/${base.hex}`);
    const mask = dirs[1]!.replace("/mnt/host/", "");
    expect(fs.nodes.get(`${mask}/opt/a`)?.kind).toBe("whiteout");
    expect(fs.nodes.get(`${mask}/opt/b`)?.kind).toBe("whiteout");
    expect(fs.nodes.has(`${mask}/etc/keep`)).toBe(false);
    expect(await layers.lowerDirs([base.diffId, top.diffId])).toEqual(dirs);
  });

  it("refuses entries that leave the layer, and leaves nothing behind", async () => {
    const attempts: TestEntry[][] = [
      [{ name: "../../etc/passwd", body: "root::0:0::/:/bin/sh" }],
      [{ name: "a/../../x", body: "x" }],
      [{ name: "link", type: "symlink", linkname: "/etc" }, { name: "link/passwd", body: "x" }],
      [{ name: "hard", type: "hardlink", linkname: "../../outside" }],
    ];
    for (const entries of attempts) {
      const { fs, layers } = store();
      await expect(unpack(layers, entries)).rejects.toMatchObject({ kind: "InvalidParameter", message: expect.stringMatching(/^invalid layer: refusing/) });
      expect([...fs.nodes.keys()].filter((k) => k.startsWith("layers/"))).toEqual([]);
    }
  });

  it("does not create device nodes, and unpacks an identical layer once", async () => {
    const { fs, layers } = store();
    const tar = makeTar([{ name: "dev/sda", type: "char" }, { name: "ok", body: "fine" }]);
    await Promise.all([layers.unpack(diffIdOf(tar), tar), layers.unpack(diffIdOf(tar), tar)]);
    const hex = diffIdOf(tar).slice(7);
    expect(fs.nodes.has(`layers/${hex}/dev/sda`)).toBe(false);
    expect(fs.nodes.get(`layers/${hex}/ok`)?.kind).toBe("file");
    fs.nodes.get(`layers/${hex}/ok`)!.data = new Uint8Array([1]);
    await layers.unpack(diffIdOf(tar), tar);
    expect(fs.nodes.get(`layers/${hex}/ok`)!.data).toEqual(new Uint8Array([1]));
  });

  it("rejects content that does not match the diff ID, a truncated tar and a damaged gzip", async () => {
    const { fs, layers } = store();
    const tar = makeTar([{ name: "file", body: "content" }]);
    await expect(layers.unpack("sha256:" + "0".repeat(64), tar)).rejects.toThrow(/does not match its diff ID: expected sha256:0{64}, got sha256:[0-9a-f]{64}/);
    await expect(layers.unpack(diffIdOf(tar), tar.subarray(0, 700))).rejects.toThrow(/does not match its diff ID/);
    const cut = tar.subarray(0, 700);
    await expect(layers.unpack(diffIdOf(cut), cut)).rejects.toThrow(/unexpected EOF/);
    const gz = gzipSync(tar);
    gz[gz.length - 6] = gz[gz.length - 6]! ^ 0xff;
    await expect(layers.unpack(diffIdOf(tar), gz)).rejects.toThrow(/gzip stream is damaged|does not match/);
    await expect(layers.unpack("md5:abc", tar)).rejects.toThrow(/invalid diff ID/);
    expect([...fs.nodes.keys()].filter((k) => k.startsWith("layers/"))).toEqual([]);
  });
});
