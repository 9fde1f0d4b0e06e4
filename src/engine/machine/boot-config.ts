/** What the guest is booted with. Changing any of it invalidates saved snapshots (see inputs). */
export const MEMORY_BYTES = 256 * 1024 * 1024;

// quiet + loglevel=3: the console is the learner's terminal. init_on_free=1 zeroes freed pages,
// which makes the saved state compress about three times better.
export const KERNEL_CMDLINE = [
  "console=ttyS0,115200",
  "tsc=reliable",
  "mitigations=off",
  "random.trust_cpu=on",
  "nowatchdog",
  "init_on_free=1",
  "quiet",
  "loglevel=3",
].join(" ");

/** The emulated devices beyond v86's defaults (src/engine/machine/v86-emulator.ts sets them). */
export const DEVICES = ["uart1", "virtio-console", "virtio-9p"] as const;

export const COLD_BOOT_TIMEOUT_MS = 60_000;
export const RESTORE_TIMEOUT_MS = 15_000;

export const SNAPSHOT_INFO = "snapshot.json";
export const MANIFEST = "manifest.json";
export const REBUILD_IMAGES_HINT =
  "Restore it with `git checkout public/images`, or rebuild the guest images with `npm run images`.";
