import type { FlagSpec } from "../../flags/flag-spec";
import type { Verb } from "../../command";
import { confirm } from "../confirm";
import { pruneReport } from "../container/prune";

const DANGLING = "WARNING! This will remove all dangling build cache. Are you sure you want to continue?";
const ALL = "WARNING! This will remove all build cache. Are you sure you want to continue?";

export const prune: Verb = {
  name: "prune",
  usage: "[OPTIONS]",
  short: "Remove build cache",
  flags: [
    { name: "all", short: "a", type: "bool", usage: "Remove all unused build cache, not just dangling ones" },
    { name: "force", short: "f", type: "bool", usage: "Do not prompt for confirmation" },
    // The daemon keeps no ages or sizes to choose by yet: these are refused, not dropped.
    ...["filter", "keep-storage", "reserved-space", "max-used-space", "min-free-space"].map((name): FlagSpec => ({ name, type: "string", usage: "", unsupported: true })),
  ],
  async run(context, _args, flags) {
    const all = flags.bool("all");
    if (!flags.bool("force") && !(await confirm(context, all ? ALL : DANGLING))) return 0;
    const report = await context.api.images.pruneBuildCache({ all });
    await context.out(pruneReport("Deleted build cache objects:", report.CachesDeleted ?? [], report.SpaceReclaimed));
    return 0;
  },
};
