import { DrydockError } from "../../shared/errors";
import type { EmulatorFiles } from "./emulator";

const encoder = new TextEncoder();

/**
 * The 9p tree the guest mounts at /mnt/host: the engine writes image layers and build contexts
 * here and reads what the guest leaves. Paths are relative to the tree's root.
 */
export class GuestFiles {
  /** `activity` is told of every access (it wakes a paused emulator). */
  constructor(
    private readonly fs: EmulatorFiles,
    private readonly activity: () => void,
  ) {}

  async writeFile(path: string, data: Uint8Array | string): Promise<void> {
    const clean = normalize(path);
    this.activity();
    const parent = clean.split("/").slice(0, -1).join("/");
    if (parent) this.fs.makeDirectory(parent);
    await this.fs.write("/" + clean, typeof data === "string" ? encoder.encode(data) : data);
  }

  async readFile(path: string): Promise<Uint8Array> {
    const clean = normalize(path);
    this.activity();
    if (!this.fs.exists(clean)) throw new DrydockError("NotFound", `no such file in the guest tree: /mnt/host/${clean}`);
    return this.fs.read("/" + clean);
  }

  remove(path: string): boolean {
    const clean = normalize(path);
    this.activity();
    return this.fs.remove(clean);
  }

}

function normalize(path: string): string {
  const parts = path.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.length === 0 || parts.includes("..")) {
    throw new DrydockError("InvalidParameter", `invalid path in the guest tree: ${JSON.stringify(path)}`);
  }
  return parts.join("/");
}
