import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lockDataRoot } from "./data-root-lock";

/** A process ID that was real a moment ago and is no more (a daemon killed with -9). */
function deadPid(): number {
  return spawnSync("true").pid!;
}

/**
 * A daemon's start in a process of its own, at the moment `at` (so several start together): it
 * takes the lock and says so, then holds it until `release` (however late the others start on
 * a busy machine); or it says why it could not, and exits.
 */
function contender(dir: string, at = Date.now()): { result: Promise<string>; release: () => Promise<void> } {
  const script = `import { lockDataRoot } from ${JSON.stringify(join(import.meta.dirname, "data-root-lock.ts"))};
setTimeout(() => lockDataRoot(${JSON.stringify(dir)}, "daemon").then(() => { console.log("took it"); process.stdin.on("end", () => process.exit(0)).resume(); }, (e) => console.log(e.message)), ${at} - Date.now());`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const result = new Promise<string>((resolve) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve(out.trim());
    });
    void exited.then(() => resolve(out.trim()));
  });
  return {
    result,
    release: () => {
      child.stdin.end();
      return exited;
    },
  };
}

describe("lockDataRoot", () => {
  it("takes a data root, refuses it while its daemon lives, and gives it up on release", async () => {
    const dir = mkdtempSync(join(tmpdir(), "drydock-lock-"));
    const lock = await lockDataRoot(dir, "daemon");
    expect(readFileSync(join(dir, "daemon.pid"), "utf8")).toBe(`${process.pid}\ndrydock daemon\n`);
    const refused = contender(dir);
    await refused.release();
    expect(await refused.result).toBe(`the data root ${dir} is in use: process with PID ${process.pid} is still running (a drydock daemon); stop it, or give this one another --data-root`);
    await lock.release();
    expect(existsSync(join(dir, "daemon.pid"))).toBe(false);
  });

  it("names a drydock shell holding the data root, and how to share one host instead", async () => {
    const dir = mkdtempSync(join(tmpdir(), "drydock-lock-"));
    const lock = await lockDataRoot(dir, "shell");
    const refused = contender(dir);
    await refused.release();
    expect(await refused.result).toBe(
      `the data root ${dir} is in use: process with PID ${process.pid} is still running (a drydock shell, which runs the Docker host itself); leave that shell, or give this one another --data-root (a \`drydock daemon\` on it would let several shells share one host)`,
    );
    await lock.release();
  });

  it("reads a lock written before holders were named as a daemon's", async () => {
    const dir = mkdtempSync(join(tmpdir(), "drydock-lock-"));
    writeFileSync(join(dir, "daemon.pid"), `${process.pid}\n`);
    const refused = contender(dir);
    await refused.release();
    expect(await refused.result).toMatch(/\(a drydock daemon\); stop it/);
  });

  it("clears a takeover guard left by a contender killed in the middle of one, and takes the data root", async () => {
    const dir = mkdtempSync(join(tmpdir(), "drydock-lock-"));
    writeFileSync(join(dir, "daemon.pid"), `${deadPid()}\n`);
    writeFileSync(join(dir, "daemon.pid.takeover"), `${deadPid()}\ndrydock daemon\n`);
    const lock = await lockDataRoot(dir, "daemon");
    expect(readFileSync(join(dir, "daemon.pid"), "utf8")).toBe(`${process.pid}\ndrydock daemon\n`);
    expect(existsSync(join(dir, "daemon.pid.takeover"))).toBe(false);
    await lock.release();
  });

  it("lets exactly one of several daemons started at once take over a killed daemon's data root", async () => {
    {
      const dir = mkdtempSync(join(tmpdir(), "drydock-lock-"));
      writeFileSync(join(dir, "daemon.pid"), `${deadPid()}\n`);
      // Each process takes a second or two to start: all of them try at the same moment after.
      const at = Date.now() + 5000;
      const contenders = Array.from({ length: 8 }, () => contender(dir, at));
      const results = await Promise.all(contenders.map((c) => c.result));
      await Promise.all(contenders.map((c) => c.release()));
      expect(results.filter((r) => r === "took it")).toHaveLength(1);
      expect(results.filter((r) => r !== "took it").every((r) => r.includes("is in use: process with PID"))).toBe(true);
    }
  });
});
