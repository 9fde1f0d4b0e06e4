import { DrydockError } from "../../../shared/errors";
import { isTableFormat, parseTemplate, stripTable, type Template, type TemplateFunc } from "./go-template";
import { TabWriter } from "./tabwriter";

/**
 * docker/cli's formatter: --format is "table" (the command's default columns), "table
 * TEMPLATE" (a header row, then rows aligned by a tabwriter), "json" (one JSON object per
 * line) or a bare Go template (one line per row, as written).
 */
export function renderRows(
  format: string,
  defaultTable: string,
  headers: Record<string, string | undefined>,
  rows: readonly object[],
  /** How the command words a template that fails on a row (docker context ls has its own). */
  failure = "failed to execute template",
): string {
  const text = format === "" || format === "table" ? defaultTable : format === "json" ? "{{json .}}" : format;
  const table = isTableFormat(text);
  const body = stripTable(text);
  const template = compile(body);
  let out = "";
  try {
    if (table) out += compile(body, HEADER_FUNCS).execute(headerContext(headers)) + "\n";
    for (const row of rows) out += template.execute(row) + "\n";
  } catch (error) {
    throw new DrydockError("InvalidParameter", `${failure}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!table) return out;
  const writer = new TabWriter({ minWidth: 10, tabWidth: 1, padding: 3, padChar: " " });
  writer.write(out);
  return writer.flush();
}

/** A Go template with Docker's functions; a bad one is "template parsing error: ..." as Docker says. */
export function compile(text: string, funcs?: Record<string, TemplateFunc>): Template {
  try {
    return parseTemplate(text, funcs);
  } catch (error) {
    throw new DrydockError("InvalidParameter", `template parsing error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// The header row runs the same template over the column titles, with Docker's functions
// passing their argument through ({{json .Labels}} heads its column LABELS). A title given as
// undefined is one missing from the command's header map in docker: "<no value>", and false.
const identity = (value: unknown) => value;
const HEADER_FUNCS: Record<string, TemplateFunc> = { json: identity, split: identity, join: identity, title: identity, lower: identity, upper: identity, truncate: identity };

function headerContext(headers: Record<string, string | undefined>): object {
  return new Proxy(headers, { has: () => true, get: (target, key) => (typeof key !== "string" ? undefined : key in target ? target[key] : "") });
}
