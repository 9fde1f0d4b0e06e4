// Vitest global set-up: the real-VM tests restore the guest from a snapshot, so make sure the
// one in public/images matches the committed images and this v86 (a cold boot when it doesn't).
import { ensureSnapshot } from "../../src/node/snapshot";

export default async function setup(): Promise<void> {
  const result = await ensureSnapshot();
  if (result.saved) console.log(`saved a new VM snapshot (${(result.info.size / 1048576).toFixed(2)} MiB)`);
}
