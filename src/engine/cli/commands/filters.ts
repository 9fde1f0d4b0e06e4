/** `--filter name=value` flags as the API's filters JSON: {"name": {"value": true}}. */
export function filtersQuery(filters: readonly string[]): string | undefined {
  if (filters.length === 0) return undefined;
  const map: Record<string, Record<string, boolean>> = {};
  for (const filter of filters) {
    const at = filter.indexOf("=");
    const name = filter.slice(0, at).trim().toLowerCase();
    (map[name] ??= {})[filter.slice(at + 1)] = true;
  }
  return JSON.stringify(map);
}
