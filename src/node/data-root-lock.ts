import { link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DrydockError } from "../shared/errors";

const LOCK = "daemon.pid";

/**
 * One daemon per data root, as dockerd's pid file makes it: DIR/daemon.pid names the daemon
 * using DIR. Made with link(2), which fails when the file exists, so two daemons starting at
 * once cannot both take it; a file whose process is gone (kill -9) is stale and taken over.
 */
export async function lockDataRoot(dir: string): Promise<{ release(): Promise<void> }> {
  await mkdir(dir, { recursive: true });
  const lock = join(dir, LOCK);
  const temp = join(dir, `${LOCK}.${process.pid}.partial`);
  await writeFile(temp, `${process.pid}\n`);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(temp, lock);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw error;
      }
      const holder = Number.parseInt(await readFile(lock, "utf8").catch(() => ""), 10);
      if (holder > 0 && holder !== process.pid && alive(holder)) {
        throw new DrydockError("Conflict", `the data root ${dir} is in use: process with PID ${holder} is still running (a drydock daemon); stop it, or give this one another --data-root`);
      }
      await rm(lock, { force: true });
    }
  } finally {
    await rm(temp, { force: true });
  }
  return {
    release: async () => {
      // Only our own: a daemon that lost its lock must not remove the next one's.
      const text = await readFile(lock, "utf8").catch(() => "");
      if (Number.parseInt(text, 10) === process.pid) await rm(lock, { force: true });
    },
  };
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
