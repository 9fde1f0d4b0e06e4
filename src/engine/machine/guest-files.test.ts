import { describe, expect, it } from "vitest";
import type { EmulatorFiles } from "./emulator";
import { GuestFiles } from "./guest-files";

function memoryFiles(): EmulatorFiles & { dirs: Set<string>; files: Map<string, Uint8Array> } {
  const dirs = new Set<string>();
  const files = new Map<string, Uint8Array>();
  return {
    dirs,
    files,
    read: async (path) => files.get(path)!,
    write: async (path, data) => void files.set(path, data),
    makeDirectory: (path) => {
      const parts = path.split("/");
      parts.forEach((_, i) => dirs.add(parts.slice(0, i + 1).join("/")));
    },
    exists: (path) => dirs.has(path) || files.has("/" + path),
    remove: (path) => files.delete("/" + path),
  };
}

describe("GuestFiles", () => {
  it("makes parent directories and reports every access as activity", async () => {
    const fs = memoryFiles();
    let touches = 0;
    const files = new GuestFiles(fs, () => touches++);
    await files.writeFile("/layers//sha256/abc/./etc/hostname", "box\n");
    expect([...fs.dirs]).toContain("layers/sha256/abc/etc");
    expect(new TextDecoder().decode(await files.readFile("layers/sha256/abc/etc/hostname"))).toBe("box\n");
    expect(files.remove("layers/sha256/abc/etc/hostname")).toBe(true);
    expect(fs.files.has("/layers/sha256/abc/etc/hostname")).toBe(false);
    expect(touches).toBe(3);
  });

  it("refuses paths that leave the tree, and names a missing file", async () => {
    const files = new GuestFiles(memoryFiles(), () => {});
    await expect(files.writeFile("../etc/passwd", "x")).rejects.toThrow(/invalid path in the guest tree: "\.\.\/etc\/passwd"/);
    await expect(files.writeFile("/", "x")).rejects.toThrow(/invalid path/);
    await expect(files.readFile("nope")).rejects.toMatchObject({ kind: "NotFound", message: "no such file in the guest tree: /mnt/host/nope" });
  });
});
