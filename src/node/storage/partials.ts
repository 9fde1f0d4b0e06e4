import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";

/** Removes DIR's `*.partial` files: writes go to one and are renamed into place when whole. */
export async function removePartials(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => name.endsWith(".partial")).map((name) => rm(join(dir, name), { force: true })));
}
