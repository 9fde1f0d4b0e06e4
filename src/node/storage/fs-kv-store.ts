import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { KvStore } from "../../engine/storage/kv-store";
import { removePartials } from "./partials";

/** Records as DIR/KEY.json (the key URI-encoded), each written whole then renamed. */
export class FsKvStore implements KvStore {
  /** Each write has a temporary file of its own: two puts of one key must not share one. */
  private writes = 0;

  constructor(private readonly dir: string) {}

  async get<T>(key: string): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(this.path(key), "utf8")) as T;
    } catch {
      return undefined;
    }
  }

  async put(key: string, value: unknown): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const temp = `${this.path(key)}.${process.pid}.${++this.writes}.partial`;
    await writeFile(temp, JSON.stringify(value));
    await rename(temp, this.path(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async keys(prefix: string): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names
      .filter((name) => name.endsWith(".json"))
      .map((name) => decodeURIComponent(name.slice(0, -".json".length)))
      .filter((key) => key.startsWith(prefix));
  }

  /** Deletes what writes cut short left (a killed daemon); only while no other daemon uses the directory. */
  async removeLeftovers(): Promise<void> {
    await removePartials(this.dir);
  }

  private path(key: string): string {
    return join(this.dir, `${encodeURIComponent(key)}.json`);
  }
}
