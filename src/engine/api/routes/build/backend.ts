import type { BuildOptions } from "../../../daemon/build/build-options";
import type { PreparedBuild } from "../../../daemon/build/builds";

/** What the build route needs of the daemon (moby's router/build backend). */
export interface BuildBackend {
  prepare(options: BuildOptions, context: AsyncIterable<Uint8Array>, signal: AbortSignal): Promise<PreparedBuild>;
  prune(all: boolean): Promise<{ deleted: string[]; reclaimed: number }>;
}
