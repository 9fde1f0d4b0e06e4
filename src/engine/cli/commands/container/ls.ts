import { TABLE_FORMAT_FLAG } from "../format-flag";
import type { Verb } from "../../command";
import { CONTAINER_HEADERS, CONTAINER_TABLE, containerRow } from "../../format/container-row";
import { renderRows } from "../../format/render";
import { filtersQuery } from "../filters";

export const ls: Verb = {
  name: "ls",
  aliases: ["list", "ps"],
  usage: "[OPTIONS]",
  short: "List containers",
  flags: [
    { name: "all", short: "a", type: "bool", usage: "Show all containers (default shows just running)" },
    { name: "filter", short: "f", type: "filter", usage: "Filter output based on conditions provided" },
    TABLE_FORMAT_FLAG,
    { name: "last", short: "n", type: "int", usage: "Show n last created containers (includes all states)", default: -1 },
    { name: "latest", short: "l", type: "bool", usage: "Show the latest created container (includes all states)" },
    { name: "no-trunc", type: "bool", usage: "Don't truncate output" },
    { name: "quiet", short: "q", type: "bool", usage: "Only display container IDs" },
    { name: "size", short: "s", type: "bool", usage: "Display total file sizes" },
  ],
  async run(context, _args, flags) {
    const last = flags.bool("latest") ? 1 : flags.int("last");
    const containers = await context.api.containers.list({ all: flags.bool("all"), limit: last > 0 ? last : undefined, size: flags.bool("size"), filters: filtersQuery(flags.list("filter")) });
    const trunc = !flags.bool("no-trunc");
    let format = flags.string("format");
    if (flags.bool("quiet") && (format === "" || format === "table")) format = "{{.ID}}";
    const table = flags.bool("size") ? `${CONTAINER_TABLE}\t{{.Size}}` : CONTAINER_TABLE;
    const now = context.now();
    await context.out(renderRows(format, table, CONTAINER_HEADERS, containers.map((c) => containerRow(c, trunc, now))));
    return 0;
  },
};
