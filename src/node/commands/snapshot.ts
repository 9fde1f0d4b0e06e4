import { parseArgs } from "node:util";
import { ensureSnapshot } from "../snapshot";

export const usage = `Usage: drydock snapshot [--force]

Cold-boot the guest VM and save its state to public/images/snapshot.bin.zst, so later starts
restore it in well under a second. Does nothing when the saved one matches the current images
and v86 (unless --force).`;

export async function snapshot(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { force: { type: "boolean" } } });
  const result = await ensureSnapshot({ force: values.force });
  const mib = (result.info.size / 1048576).toFixed(2);
  if (!result.saved) console.log(`drydock: the VM snapshot is up to date (${mib} MiB)`);
  else console.log(`drydock: saved the VM snapshot (${mib} MiB zstd; cold boot took ${((result.bootMs ?? 0) / 1000).toFixed(1)} s)`);
  return 0;
}
