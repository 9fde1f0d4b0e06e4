import type { Verb } from "../../command";
import { confirm } from "../confirm";
import { filtersQuery } from "../filters";
import { pruneReport } from "../container/prune";

const DANGLING = "WARNING! This will remove all dangling images.\nAre you sure you want to continue?";
const ALL = "WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue?";

export const prune: Verb = {
  name: "prune",
  usage: "[OPTIONS]",
  short: "Remove unused images",
  flags: [
    { name: "all", short: "a", type: "bool", usage: "Remove all unused images, not just dangling ones" },
    { name: "filter", type: "filter", usage: 'Provide filter values (e.g. "until=<timestamp>")' },
    { name: "force", short: "f", type: "bool", usage: "Do not prompt for confirmation" },
  ],
  async run(context, _args, flags) {
    const all = flags.bool("all");
    if (!flags.bool("force") && !(await confirm(context, all ? ALL : DANGLING))) return 0;
    const filters = [...flags.list("filter"), `dangling=${all ? "false" : "true"}`];
    const report = await context.api.images.prune(filtersQuery(filters));
    const lines = (report.ImagesDeleted ?? []).map((entry) => (entry.Deleted ? `deleted: ${entry.Deleted}` : `untagged: ${entry.Untagged}`));
    await context.out(pruneReport("Deleted Images:", lines, report.SpaceReclaimed));
    return 0;
  },
};
