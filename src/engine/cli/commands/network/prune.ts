import type { Verb } from "../../command";
import { confirm } from "../confirm";
import { filtersQuery } from "../filters";

export const prune: Verb = {
  name: "prune",
  usage: "[OPTIONS]",
  short: "Remove all unused networks",
  flags: [
    { name: "filter", type: "filter", usage: 'Provide filter values (e.g. "until=<timestamp>")' },
    { name: "force", short: "f", type: "bool", usage: "Do not prompt for confirmation" },
  ],
  async run(context, _args, flags) {
    const question = "WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue?";
    if (!flags.bool("force") && !(await confirm(context, question))) return 0;
    const report = await context.api.networks.prune(filtersQuery(flags.list("filter")));
    // docker/cli prints its report with Println: a blank line after the names.
    if (report.NetworksDeleted?.length) await context.out(`Deleted Networks:\n${report.NetworksDeleted.join("\n")}\n\n`);
    return 0;
  },
};
