import { BUILTINS } from "./template/builtins";
import { DOCKER_FUNCS } from "./template/docker-funcs";
import { execute } from "./template/exec";
import type { GoFunc } from "./template/funcs";
import { parse } from "./template/parse";

/**
 * Go's text/template as docker's --format and -f use it, with docker/cli's functions (json,
 * split, join, title, lower, upper, pad, truncate) beside Go's. The data is read as Go values
 * (see go-values.ts): a plain object is a map (a missing key prints "<no value>"), a function
 * property is a method (`{{.Label "com.x"}}` calls it), null is a nil pointer.
 *
 * Parse and execution errors are Go's words, thrown as InvalidParameter; Docker prints them
 * after "template parsing error: ".
 */
export { goType } from "./go-values";

/** A function a template may call: arguments are passed as they are, any number of them. */
export type TemplateFunc = (...args: unknown[]) => unknown;

export interface Template {
  /** The text the template makes from `data`. */
  execute(data: unknown): string;
}

export interface TemplateOptions {
  /** Go's Option("missingkey=error"), which `docker inspect` retries raw JSON with. */
  missingKey?: "default" | "error";
}

/** Parses `text`; `funcs` add to (or replace) the predefined functions, as Go's Funcs does. */
export function parseTemplate(text: string, funcs: Record<string, TemplateFunc> = {}, options: TemplateOptions = {}): Template {
  const user = new Map(Object.entries(funcs).map(([name, call]): [string, GoFunc] => [name, { params: [], variadic: "any", call }]));
  const lookup = (name: string): GoFunc | undefined => user.get(name) ?? own(DOCKER_FUNCS, name) ?? own(BUILTINS, name);
  const trees = parse(text, (name) => lookup(name) !== undefined);
  const program = { text, trees, lookup, missingKeyError: options.missingKey === "error" };
  return { execute: (data) => execute(program, "", data) };
}

function own(table: Record<string, GoFunc>, name: string): GoFunc | undefined {
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

/** docker/cli's Format.IsTable: a format starting "table" prints a header row and aligns columns. */
export function isTableFormat(format: string): boolean {
  return format.startsWith("table");
}

/**
 * docker/cli's Format.templateString: the template of a format, without "table", spaces
 * trimmed (other white space kept), and the two-character escapes \t and \n made real.
 */
export function stripTable(format: string): string {
  const body = isTableFormat(format) ? format.slice("table".length) : format;
  return body.replace(/^ +| +$/g, "").replace(/\\t|\\n/g, (escape) => (escape === "\\t" ? "\t" : "\n"));
}
