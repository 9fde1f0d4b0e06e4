import { link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DrydockError } from "../shared/errors";

const LOCK = "daemon.pid";

/** What runs the Docker host on a data root: `drydock daemon`, or `drydock shell` when no daemon does. */
export type DataRootHolder = "daemon" | "shell";

/**
 * One Docker host per data root, as dockerd's pid file makes it: DIR/daemon.pid names the
 * process using DIR (its PID, then what it is, which only the messages read). Made with link(2),
 * which fails when the file exists, so two processes starting at once cannot both take it; a
 * file whose process is gone (kill -9) is stale and removed, by one contender at a time.
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
      if (holder !== undefined && holder !== process.pid && alive(holder)) throw await inUse(dir, holder);
      if (attempt >= TAKEOVER_ATTEMPTS) throw await inUse(dir, holder ?? 0);
      await removeStale(lock, temp);
    }
  } finally {
    await rm(temp, { force: true });
  }
  return {
    release: async () => {
      // Only our own: a daemon that lost its lock must not remove the next one's.
      if ((await pidIn(lock)) === process.pid) await rm(lock, { force: true });
    },
  };
}

const TAKEOVER_ATTEMPTS = 100;

/**
 * Removes a stale lock, holding a guard while it reads and removes it: with only one contender at
 * a time between the read and the removal, the file it removes is the stale one it read, never a
 * lock another contender has just linked in its place. The guard is a file naming its holder,
 * linked whole from `temp` (link(2), which one process wins); it is cleared only when its holder
 * is gone (killed in the middle of a takeover), never for being old: a holder stalled for
 * seconds on a loaded machine still holds it, so no second contender removes the lock after it.
 * Without the guard, it waits a moment and the caller tries again.
 */
async function removeStale(lock: string, temp: string): Promise<void> {
  const guard = `${lock}.takeover`;
  try {
    await link(temp, guard);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const holder = await pidIn(guard);
    if (holder !== undefined && !alive(holder)) await rm(guard, { force: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    return;
  }
  try {
    const holder = await pidIn(lock);
    // None there: a contender that removed the stale one is about to link its own, outside the
    // guard, and removing by name now could take that one. One naming this process is a
    // predecessor's that had its PID: this one has not linked yet.
    if (holder !== undefined && (holder === process.pid || !alive(holder))) await rm(lock, { force: true });
  } finally {
    await rm(guard, { force: true });
  }
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
