import type { Verb } from "../../command";
import { naturalCompare } from "../../context/natural-order";
import { NETWORK_HEADERS, NETWORK_TABLE, networkRow } from "../../format/network-row";
import { renderRows } from "../../format/render";
import { filtersQuery } from "../filters";
import { TABLE_FORMAT_FLAG } from "../format-flag";

export const ls: Verb = {
  name: "ls",
  aliases: ["list"],
  usage: "[OPTIONS]",
  short: "List networks",
  args: { max: 0 },
  flags: [
    { name: "filter", short: "f", type: "filter", usage: 'Provide filter values (e.g. "driver=bridge")' },
    TABLE_FORMAT_FLAG,
    { name: "no-trunc", type: "bool", usage: "Do not truncate the output" },
    { name: "quiet", short: "q", type: "bool", usage: "Only display network IDs" },
  ],
  async run(context, _args, flags) {
    const networks = await context.api.networks.list({ filters: filtersQuery(flags.list("filter")) });
    networks.sort((a, b) => naturalCompare(a.Name, b.Name));
    let format = flags.string("format");
    // docker/cli's NewFormat: -q is the IDs for the table format; a template of the user's wins over it.
    if (format === "" || format === "table") format = flags.bool("quiet") ? "{{.ID}}" : NETWORK_TABLE;
    await context.out(renderRows(format, NETWORK_TABLE, NETWORK_HEADERS, networks.map((network) => networkRow(network, !flags.bool("no-trunc")))));
    return 0;
  },
};
