import { link, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DrydockError } from "../shared/errors";

const LOCK = "daemon.pid";

/** What runs the Docker host on a data root: `drydock daemon`, or `drydock shell` when no daemon does. */
export type DataRootHolder = "daemon" | "shell";

/**
 * One Docker host per data root, as dockerd's pid file makes it: DIR/daemon.pid names the
 * process using DIR (its PID, then what it is, which only the messages read). Made with link(2),
 * which fails when the file exists, so two processes starting at once cannot both take it; a
 * file whose process is gone (kill -9) is stale and taken over.
 */
export async function lockDataRoot(dir: string, kind: DataRootHolder): Promise<{ release(): Promise<void> }> {
  // Private when new: the data root holds the daemon's console socket (see console-server.ts).
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const lock = join(dir, LOCK);
  const temp = join(dir, `${LOCK}.${process.pid}.partial`);
  await writeFile(temp, `${process.pid}\ndrydock ${kind}\n`);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(temp, lock);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const holder = await pidIn(lock);
      if (attempt >= 3) throw await inUse(dir, holder ?? 0);
      if (holder !== undefined && holder !== process.pid && alive(holder)) throw await inUse(dir, holder);
      await takeAside(lock, holder);
    }
  } finally {
    await rm(temp, { force: true });
  }
  // Two daemons started at once on a stale file: whichever does not hold it now stands down.
  const holder = await pidIn(lock);
  if (holder !== process.pid) throw await inUse(dir, holder ?? 0);
  return {
    release: async () => {
      // Only our own: a daemon that lost its lock must not remove the next one's.
      if ((await pidIn(lock)) === process.pid) await rm(lock, { force: true });
    },
  };
}

/**
 * Moves a stale lock out of the way. rename(2) moves whatever is there now: when that is no
 * longer the stale file but a live daemon's fresh one (it took the lock meanwhile), it goes back.
 */
async function takeAside(lock: string, stale: number | undefined): Promise<void> {
  const aside = `${lock}.${process.pid}.stale`;
  try {
    await rename(lock, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return; // another daemon moved it first
    throw error;
  }
  const moved = await pidIn(aside);
  if (moved !== stale && moved !== undefined && alive(moved)) await link(aside, lock).catch(() => undefined);
  await rm(aside, { force: true });
}

async function pidIn(file: string): Promise<number | undefined> {
  const pid = Number.parseInt(await readFile(file, "utf8").catch(() => ""), 10);
  return pid > 0 ? pid : undefined;
}

async function inUse(dir: string, pid: number): Promise<DrydockError> {
  // A file written before holders were named is a daemon's.
  const shell = (await readFile(join(dir, LOCK), "utf8").catch(() => "")).split("\n")[1] === "drydock shell";
  const what = shell
    ? "a drydock shell, which runs the Docker host itself); leave that shell, or give this one another --data-root (a `drydock daemon` on it would let several shells share one host)"
    : "a drydock daemon); stop it, or give this one another --data-root";
  return new DrydockError("Conflict", `the data root ${dir} is in use: process with PID ${pid} is still running (${what}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
