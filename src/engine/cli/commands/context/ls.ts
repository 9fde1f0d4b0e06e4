import { errorMessage } from "../../../../shared/errors";
import type { Verb } from "../../command";
import type { ContextMeta } from "../../context/context-store";
import { naturalCompare } from "../../context/natural-order";
import { DEFAULT_CONTEXT } from "../../context/resolve";
import { renderRows } from "../../format/render";
import { ellipsis, withJson } from "../../format/text";
import { TABLE_FORMAT_FLAG } from "../format-flag";

/** What the default context is said to be, in `ls` and in a context made from it. */
export const DEFAULT_DESCRIPTION = "Current DOCKER_HOST based configuration";

// Docker's header map has no "Current": its title is "<no value>", and false.
const HEADERS = { Name: "NAME", Description: "DESCRIPTION", DockerEndpoint: "DOCKER ENDPOINT", Error: "ERROR", Current: undefined };
const TABLE = "table {{.Name}}{{if .Current}} *{{end}}\t{{.Description}}\t{{.DockerEndpoint}}\t{{.Error}}";

export const ls: Verb = {
  name: "ls",
  aliases: ["list"],
  usage: "[OPTIONS]",
  short: "List contexts",
  local: true,
  flags: [TABLE_FORMAT_FLAG, { name: "quiet", short: "q", type: "bool", usage: "Only show context names" }],
  async run({ contexts, io, out, err }, _args, flags) {
    const { current } = contexts;
    const rows = [contexts.defaultContext(), ...(await contexts.store.list())].map((context) => row(context, current));
    // A current context that is not there is listed all the same, with why.
    if (!rows.some((r) => r.Name === current)) {
      const why = await contexts.lookup(current).then(() => "", errorMessage);
      rows.push(row({ Name: current, Metadata: {}, Endpoints: {} }, current, ellipsis(why, 45)));
    }
    rows.sort((a, b) => naturalCompare(a.Name, b.Name));
    if (flags.bool("quiet")) await out(rows.map((r) => `${r.Name}\n`).join(""));
    else await out(renderRows(flags.string("format"), TABLE, HEADERS, rows, "template parsing error"));
    if (io.env.DOCKER_HOST) {
      await err("Warning: DOCKER_HOST environment variable overrides the active context. To use a context, either set the global --context flag, or unset DOCKER_HOST environment variable.\n");
    }
    return 0;
  },
};

function row(context: ContextMeta, current: string, error = "") {
  const row = {
    Name: context.Name,
    Current: context.Name === current,
    Description: context.Name === DEFAULT_CONTEXT ? DEFAULT_DESCRIPTION : (context.Metadata.Description ?? ""),
    DockerEndpoint: context.Endpoints.docker?.Host ?? "",
    Error: error,
  };
  return withJson(row, "*formatter.clientContextContext");
}
