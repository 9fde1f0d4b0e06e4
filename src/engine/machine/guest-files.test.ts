import { describe, expect, it } from "vitest";
import { memoryFiles } from "../../../tests/support/memory-files";
import { GuestFiles } from "./guest-files";

describe("GuestFiles", () => {
  it("makes parent directories and reports every access as activity", async () => {
    const fs = memoryFiles();
    let touches = 0;
    const files = new GuestFiles(fs, () => touches++);
    await files.writeFile("/layers//sha256/abc/./etc/hostname", "box\n");
    expect(fs.nodes.get("layers/sha256/abc/etc")?.kind).toBe("directory");
    expect(new TextDecoder().decode(await files.readFile("layers/sha256/abc/etc/hostname"))).toBe("box\n");
    expect(files.remove("layers/sha256/abc/etc/hostname")).toBe(true);
    expect(fs.nodes.has("layers/sha256/abc/etc/hostname")).toBe(false);
    expect(touches).toBe(3);
  });

  it("refuses paths that leave the tree, and names a missing file", async () => {
    const files = new GuestFiles(memoryFiles(), () => {});
    await expect(files.writeFile("../etc/passwd", "x")).rejects.toThrow(/invalid path in the guest tree: "\.\.\/etc\/passwd"/);
    await expect(files.writeFile("/", "x")).rejects.toThrow(/invalid path/);
    await expect(files.readFile("nope")).rejects.toMatchObject({ kind: "NotFound", message: "no such file in the guest tree: /mnt/host/nope" });
  });
});
