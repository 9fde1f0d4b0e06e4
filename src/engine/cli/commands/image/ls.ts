import { TABLE_FORMAT_FLAG } from "../format-flag";
import type { Verb } from "../../command";
import { IMAGE_HEADERS, imageRows, imageTable } from "../../format/image-row";
import { renderRows } from "../../format/render";
import { filtersQuery } from "../filters";

export const ls: Verb = {
  name: "ls",
  aliases: ["list"],
  usage: "[OPTIONS] [REPOSITORY[:TAG]]",
  short: "List images",
  args: { max: 1 },
  flags: [
    { name: "all", short: "a", type: "bool", usage: "Show all images (default hides intermediate images)" },
    { name: "digests", type: "bool", usage: "Show digests" },
    { name: "filter", short: "f", type: "filter", usage: "Filter output based on conditions provided" },
    TABLE_FORMAT_FLAG,
    { name: "no-trunc", type: "bool", usage: "Don't truncate output" },
    { name: "quiet", short: "q", type: "bool", usage: "Only show image IDs" },
  ],
  async run(context, [repository], flags) {
    const filters = [...flags.list("filter"), ...(repository ? [`reference=${repository}`] : [])];
    const images = await context.api.images.list({ all: flags.bool("all"), filters: filtersQuery(filters) });
    const trunc = !flags.bool("no-trunc");
    const digests = flags.bool("digests");
    let format = flags.string("format");
    const now = context.now();
    if (flags.bool("quiet") && (format === "" || format === "table")) {
      // One line per image, not per tag.
      const ids = [...new Set(images.map((image) => (trunc ? image.Id.replace(/^sha256:/, "").slice(0, 12) : image.Id)))];
      await context.out(ids.map((id) => `${id}\n`).join(""));
      return 0;
    }
    if (format === "") format = "table";
    await context.out(renderRows(format, imageTable(digests), IMAGE_HEADERS, images.flatMap((image) => imageRows(image, { trunc, digests, now }))));
    return 0;
  },
};
