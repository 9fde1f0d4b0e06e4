import { TABLE_FORMAT_FLAG } from "../format-flag";
import type { Verb } from "../../command";
import { renderRows } from "../../format/render";
import { ago, ellipsis, goTime, shortId, withJson } from "../../format/text";
import { humanSizeWithPrecision } from "../../../../shared/human-size";

const TABLE = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
const HEADERS = { ID: "IMAGE", CreatedSince: "CREATED", CreatedAt: "CREATED AT", CreatedBy: "CREATED BY", Size: "SIZE", Comment: "COMMENT" };

export const history: Verb = {
  name: "history",
  usage: "[OPTIONS] IMAGE",
  short: "Show the history of an image",
  args: { min: 1, max: 1 },
  flags: [
    TABLE_FORMAT_FLAG,
    { name: "human", short: "H", type: "bool", usage: "Print sizes and dates in human readable format", default: true },
    { name: "no-trunc", type: "bool", usage: "Don't truncate output" },
    { name: "quiet", short: "q", type: "bool", usage: "Only show image IDs" },
  ],
  async run(context, [name], flags) {
    const entries = await context.api.images.history(name!);
    const trunc = !flags.bool("no-trunc");
    const human = flags.bool("human");
    const now = context.now();
    const rows = entries.map((entry) => {
      const row = {
        ID: entry.Id === "<missing>" ? "<missing>" : trunc ? shortId(entry.Id) : entry.Id,
        CreatedSince: human ? ago(entry.Created * 1000, now) : goTime(entry.Created * 1000),
        CreatedAt: goTime(entry.Created * 1000),
        // Docker collapses the shell-form prefix and cuts long commands at 45 characters.
        CreatedBy: trunc ? ellipsis(entry.CreatedBy.replace(/\t/g, " ").replace(/^\/bin\/sh -c #\(nop\) {2}/, ""), 45) : entry.CreatedBy,
        Size: human ? humanSizeWithPrecision(entry.Size, 3) : String(entry.Size),
        Comment: entry.Comment,
      };
      return withJson(row, "*image.historyContext");
    });
    let format = flags.string("format");
    if (flags.bool("quiet") && (format === "" || format === "table")) format = "{{.ID}}";
    await context.out(renderRows(format, TABLE, HEADERS, rows));
    return 0;
  },
};
