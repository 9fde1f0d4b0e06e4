/**
 * `--filter name=value` flags as the API's filters JSON: {"name": {"value": true}}. As the docker
 * CLI's FilterOpt: the name lower-cased, both sides trimmed, an empty flag ignored.
 */
export function filtersQuery(filters: readonly string[]): string | undefined {
  const map: Record<string, Record<string, boolean>> = {};
  for (const filter of filters) {
    if (filter === "") continue;
    const at = filter.indexOf("=");
    const name = filter.slice(0, at).trim().toLowerCase();
    (map[name] ??= {})[filter.slice(at + 1).trim()] = true;
  }
  return Object.keys(map).length ? JSON.stringify(map) : undefined;
}
