import { DrydockError } from "../../../shared/errors";
import { parseTimestamp } from "./timestamp";

/**
 * Docker's `filters` query parameter (moby's filters.Args): each key with its set of values.
 * Values of one key are alternatives or all required depending on the helper, as in Docker:
 * exactMatch/match/fuzzyMatch take any one value, matchKVList needs every one.
 */
export class Filters {
  /** A value maps to true, or false when an old `{"key":{"value":false}}` said so. */
  private constructor(private readonly fields: Map<string, Map<string, boolean>>) {}

  /**
   * `{"key":{"value":true}}` (what the docker CLI sends) or `{"key":["value"]}`; anything else,
   * even JSON of another shape, is Docker's `invalid filter`.
   */
  static parse(text: string | null): Filters {
    const fields = new Map<string, Map<string, boolean>>();
    if (!text) return new Filters(fields);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw invalidFilter();
    }
    if (parsed === null) return new Filters(fields);
    if (typeof parsed !== "object" || Array.isArray(parsed)) throw invalidFilter();
    const entries = Object.entries(parsed as Record<string, unknown>);
    const sets = entries.every(([, v]) => v === null || (typeof v === "object" && !Array.isArray(v) && Object.values(v as object).every((b) => b === null || typeof b === "boolean")));
    const lists = entries.every(([, v]) => v === null || (Array.isArray(v) && v.every((s) => s === null || typeof s === "string")));
    if (!sets && !lists) throw invalidFilter();
    for (const [key, value] of entries) {
      const values = new Map<string, boolean>();
      if (Array.isArray(value)) for (const v of value as (string | null)[]) values.set(v ?? "", true);
      else for (const [v, on] of Object.entries((value ?? {}) as Record<string, boolean | null>)) values.set(v, on === true);
      fields.set(key, values);
    }
    return new Filters(fields);
  }

  /** These filters and `key=value` as well (moby's Add). */
  with(key: string, value: string): Filters {
    const fields = new Map([...this.fields].map(([k, values]) => [k, new Map(values)]));
    fields.set(key, (fields.get(key) ?? new Map<string, boolean>()).set(value, true));
    return new Filters(fields);
  }

  /** Docker's 400 `invalid filter 'key'` for the first key the endpoint does not take. */
  validate(accepted: ReadonlySet<string>): void {
    for (const key of this.fields.keys()) if (!accepted.has(key)) throw invalidFilter(key);
  }

  contains(key: string): boolean {
    return this.fields.has(key);
  }

  get(key: string): string[] {
    return [...(this.fields.get(key)?.keys() ?? [])];
  }

  /** `source` is one of the values; true when the key has none. */
  exactMatch(key: string, source: string): boolean {
    const values = this.fields.get(key);
    return !values || values.size === 0 || values.get(source) === true;
  }

  /** exactMatch, or a value is a regular expression found in `source` (an invalid one matches nothing). */
  match(key: string, source: string): boolean {
    return this.exactMatch(key, source) || this.get(key).some((pattern) => searches(pattern, source));
  }

  /** exactMatch, or `source` starts with a value. */
  fuzzyMatch(key: string, source: string): boolean {
    return this.exactMatch(key, source) || this.get(key).some((prefix) => source.startsWith(prefix));
  }

  /** Every value (`name` or `name=value`) is among `labels`; true when the key has none. */
  matchKVList(key: string, labels: Readonly<Record<string, string>>): boolean {
    const values = this.get(key);
    if (values.length === 0) return true;
    if (Object.keys(labels).length === 0) return false;
    return values.every((value) => {
      const eq = value.indexOf("=");
      const name = eq < 0 ? value : value.slice(0, eq);
      return Object.hasOwn(labels, name) && (eq < 0 || labels[name] === value.slice(eq + 1));
    });
  }

  /** A true/false/1/0 key (dangling, is-task); conflicting or other values are `invalid filter 'key=[values]'`. */
  bool(key: string, fallback: boolean): boolean {
    const values = this.fields.get(key);
    if (!values) return fallback;
    if (values.size === 0) throw invalidFilter(key);
    const isFalse = values.get("0") === true || values.get("false") === true;
    const isTrue = values.get("1") === true || values.get("true") === true;
    if (isFalse === isTrue) throw invalidFilter(key, this.get(key));
    return isTrue;
  }
}

/**
 * Prune's labels: all of `label` present, and not all of `label!` (Docker's matchLabels in
 * daemon/prune.go; `label!=a` with `label!=b` spares what has both).
 */
export function pruneLabelsMatch(filters: Filters, labels: Readonly<Record<string, string>>): boolean {
  return filters.matchKVList("label", labels) && !(filters.contains("label!") && filters.matchKVList("label!", labels));
}

/**
 * Prune's `until` in milliseconds, if given: one value only (moby's getUntilFromPruneFilters).
 * An empty list of values crashes Docker's handler, which then deletes nothing; here it is a 400.
 */
export function pruneUntil(filters: Filters, nowMs: number): number | undefined {
  if (!filters.contains("until")) return undefined;
  const values = filters.get("until");
  if (values.length > 1) throw new DrydockError("InvalidParameter", "more than one until filter specified");
  if (values.length === 0) throw invalidFilter("until");
  return parseTimestamp(values[0]!, nowMs);
}

/** moby's invalidFilter: `invalid filter`, `invalid filter 'key'`, `invalid filter 'key=[a b]'`. */
export function invalidFilter(key?: string, values?: readonly string[]): DrydockError {
  const detail = key === undefined ? "" : ` '${key}${values ? `=[${values.join(" ")}]` : ""}'`;
  return new DrydockError("InvalidParameter", `invalid filter${detail}`);
}

function searches(pattern: string, source: string): boolean {
  try {
    return new RegExp(pattern).test(source);
  } catch {
    return false;
  }
}
