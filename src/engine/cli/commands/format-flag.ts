import type { FlagSpec } from "../flags/flag-spec";

/** --format as the listing verbs (ps, images, stats, history) take it. */
export const TABLE_FORMAT_FLAG: FlagSpec = {
  name: "format",
  type: "string",
  usage:
    "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates",
};

/** -f/--format as inspect takes it. */
export const INSPECT_FORMAT_FLAG: FlagSpec = {
  name: "format",
  short: "f",
  type: "string",
  usage: "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates",
};
