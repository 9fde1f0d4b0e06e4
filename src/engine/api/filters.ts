import { DrydockError } from "../../shared/errors";

/** Docker's `filters` query parameter: each key with its accepted values. */
export type Filters = Record<string, string[]>;

/** Reads `{"key":["v"]}` or the older `{"key":{"v":true}}`. */
export function parseFilters(text: string | null): Filters {
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DrydockError("InvalidParameter", "invalid filter");
  }
  if (typeof parsed !== "object" || parsed === null) throw new DrydockError("InvalidParameter", "invalid filter");
  return Object.fromEntries(
    Object.entries(parsed as Record<string, unknown>).map(([key, value]) => [key, Array.isArray(value) ? value.map(String) : Object.keys((value ?? {}) as object)]),
  );
}

/**
 * True when every key has a value that matches (values of one key are alternatives), as
 * Docker's filters combine. `match` throws for a key it does not know.
 */
export function matchesFilters(filters: Filters, match: (key: string, value: string) => boolean): boolean {
  return Object.entries(filters).every(([key, values]) => values.some((value) => match(key, value)));
}

/** `label=key` or `label=key=value`. */
export function labelMatches(labels: Record<string, string>, value: string): boolean {
  const eq = value.indexOf("=");
  const key = eq < 0 ? value : value.slice(0, eq);
  return key in labels && (eq < 0 || labels[key] === value.slice(eq + 1));
}

export function unknownFilter(key: string): DrydockError {
  return new DrydockError("InvalidParameter", `invalid filter '${key}'`);
}
