import type { Verb } from "../../command";
import { humanSize } from "../../../../shared/human-size";
import { filtersQuery } from "../filters";
import { confirm } from "../confirm";

export const prune: Verb = {
  name: "prune",
  usage: "[OPTIONS]",
  short: "Remove all stopped containers",
  flags: [
    { name: "filter", type: "filter", usage: 'Provide filter values (e.g. "until=<timestamp>")' },
    { name: "force", short: "f", type: "bool", usage: "Do not prompt for confirmation" },
  ],
  async run(context, _args, flags) {
    if (!flags.bool("force") && !(await confirm(context, "WARNING! This will remove all stopped containers.\nAre you sure you want to continue?"))) return 0;
    const report = await context.api.containers.prune(filtersQuery(flags.list("filter")));
    await context.out(pruneReport("Deleted Containers:", report.ContainersDeleted ?? [], report.SpaceReclaimed));
    return 0;
  },
};

/** "Deleted Containers:\nID\n\nTotal reclaimed space: 0B". */
export function pruneReport(title: string, deleted: readonly string[], reclaimed: number): string {
  const list = deleted.length ? `${title}\n${deleted.join("\n")}\n\n` : "";
  return `${list}Total reclaimed space: ${humanSize(reclaimed)}\n`;
}
