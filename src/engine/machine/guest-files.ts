import { DrydockError } from "../../shared/errors";
import type { EmulatorFiles, NodeAttributes, NodeKind } from "./emulator";

const encoder = new TextEncoder();

/**
 * The 9p tree the guest mounts at /mnt/host: the engine writes image layers and build contexts
 * here and reads what the guest leaves. Paths are relative to the tree's root; one that climbs
 * out of it ("..") is refused.
 */
export class GuestFiles {
  /** `activity` is told of every access (it wakes a paused emulator). */
  constructor(
    private readonly fs: EmulatorFiles,
    private readonly activity: () => void,
  ) {}

  /** Where the guest sees a path of this tree. */
  static guestPath(path: string): string {
    return "/mnt/host/" + normalize(path);
  }

  async writeFile(path: string, data: Uint8Array | string, attributes?: NodeAttributes): Promise<void> {
    await this.fs.write("/" + this.clean(path), typeof data === "string" ? encoder.encode(data) : data, attributes);
  }

  async readFile(path: string): Promise<Uint8Array> {
    const clean = this.clean(path);
    if (this.fs.kind(clean) !== "file") throw new DrydockError("NotFound", `no such file in the guest tree: /mnt/host/${clean}`);
    return this.fs.read("/" + clean);
  }

  makeDirectory(path: string, attributes?: NodeAttributes): void {
    this.fs.makeDirectory(this.clean(path), attributes);
  }

  symlink(path: string, target: string, attributes: NodeAttributes): void {
    this.fs.symlink(this.clean(path), target, attributes);
  }

  hardlink(path: string, existing: string): boolean {
    return this.fs.hardlink(this.clean(path), this.clean(existing));
  }

  whiteout(path: string): void {
    this.fs.whiteout(this.clean(path));
  }

  fifo(path: string, attributes: NodeAttributes): void {
    this.fs.fifo(this.clean(path), attributes);
  }

  /** Removes a file, or a directory and everything in it; false when there was nothing. */
  remove(path: string): boolean {
    return this.fs.remove(this.clean(path));
  }

  rename(from: string, to: string): Promise<void> {
    return this.fs.rename(this.clean(from), this.clean(to));
  }

  kind(path: string): NodeKind | undefined {
    return this.fs.kind(this.clean(path));
  }

  list(path: string): string[] {
    return this.fs.list(this.clean(path));
  }

  private clean(path: string): string {
    this.activity();
    return normalize(path);
  }
}

function normalize(path: string): string {
  const parts = path.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.length === 0 || parts.includes("..")) {
    throw new DrydockError("InvalidParameter", `invalid path in the guest tree: ${JSON.stringify(path)}`);
  }
  return parts.join("/");
}
