// How the Machine starts when the snapshot or the images are not what they should be.
import { cp, mkdtemp, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Machine } from "../../src/engine/machine/machine";
import { IMAGES_DIR } from "../../src/node/paths";
import { startMachine } from "../../src/node/start-machine";

const dirs: string[] = [];
const machines: Machine[] = [];
afterEach(async () => {
  await Promise.all(machines.splice(0).map((m) => m.stop()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A private copy of public/images to damage. */
async function imagesCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "drydock-images-"));
  dirs.push(dir);
  await cp(IMAGES_DIR, dir, { recursive: true });
  return dir;
}

async function start(imagesDir: string, extra: Parameters<typeof startMachine>[0] = {}) {
  const notices: string[] = [];
  const machine = await startMachine({ imagesDir, onNotice: (n) => notices.push(n), ...extra });
  machines.push(machine);
  return { machine, notices };
}

describe("starting the machine", () => {
  it("cold boots, with a notice, when there is no snapshot", async () => {
    const dir = await imagesCopy();
    await rm(join(dir, "snapshot.json"));
    const { machine, notices } = await start(dir);
    expect(machine.mode).toBe("cold");
    expect(notices.join("\n")).toMatch(/no VM snapshot yet, so the guest cold boots/);
    expect(machine.screen).toBe("root@drydock:~# ");
    expect(await machine.run("uname -m")).toEqual({ output: "i686\n", status: 0 });
  });

  it("cold boots when the snapshot was saved by another v86", async () => {
    const dir = await imagesCopy();
    const info = JSON.parse(await readFile(join(dir, "snapshot.json"), "utf8"));
    await writeFile(join(dir, "snapshot.json"), JSON.stringify({ ...info, v86: "0.0.1", inputs: "0".repeat(64) }));
    const { machine, notices } = await start(dir);
    expect(machine.mode).toBe("cold");
    expect(notices.join("\n")).toMatch(/saved by v86 0\.0\.1, this is v86 .*cold booting instead/);
  });

  it("cold boots when the snapshot file is damaged", async () => {
    const dir = await imagesCopy();
    await truncate(join(dir, "snapshot.bin.zst"), 1000);
    const { machine, notices } = await start(dir);
    expect(machine.mode).toBe("cold");
    expect(notices.join("\n")).toMatch(/snapshot\.bin\.zst is damaged: it is 1000 bytes, snapshot\.json says \d+.*cold booting instead/);
  });

  it("refuses a tampered image, naming it and how to rebuild", async () => {
    const dir = await imagesCopy();
    await rm(join(dir, "snapshot.json"));
    const kernel = await readFile(join(dir, "bzImage"));
    kernel[4096] = kernel[4096]! ^ 0xff;
    await writeFile(join(dir, "bzImage"), kernel);
    await expect(start(dir)).rejects.toThrow(/bzImage is damaged: its sha256 is [0-9a-f]{64}, the manifest says [0-9a-f]{64}\. .*npm run images/);
  });

  it("refuses a truncated or missing image", async () => {
    const dir = await imagesCopy();
    await rm(join(dir, "snapshot.json"));
    await truncate(join(dir, "bios.bin"), 100);
    await expect(start(dir)).rejects.toThrow(/bios\.bin is damaged: it is 100 bytes, the manifest says 131072/);
    await rm(join(dir, "bios.bin"));
    await expect(start(dir)).rejects.toThrow(/bios\.bin is missing\. .*npm run images/);
    await writeFile(join(dir, "manifest.json"), JSON.stringify({ files: {} }));
    await expect(start(dir)).rejects.toThrow(/manifest\.json does not list bios\.bin\. .*npm run images/);
    await writeFile(join(dir, "manifest.json"), "[1, 2");
    await expect(start(dir)).rejects.toThrow(/manifest\.json is not valid JSON/);
    await writeFile(join(dir, "manifest.json"), "{}");
    await expect(start(dir)).rejects.toThrow(/manifest\.json is not an image manifest/);
    await rm(join(dir, "manifest.json"));
    await expect(start(dir)).rejects.toThrow(/manifest\.json is missing/);
  });

  it("gives up on a guest that does not reach its prompt, with the console's last lines", async () => {
    const dir = await imagesCopy();
    await rm(join(dir, "snapshot.json"));
    // Half a second: SeaBIOS and the kernel's unpacking alone take longer (a cold boot now
    // reaches its prompt in under 3 s on a quick run).
    await expect(start(dir, { bootTimeoutMs: 500 })).rejects.toThrow(
      /did not reach its prompt within 0\.5 s \(cold boot\)\. The console's last lines:\n/,
    );
  });
});
