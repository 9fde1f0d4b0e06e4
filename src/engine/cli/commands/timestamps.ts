import { UsageError } from "../errors";

/**
 * docker's --since/--until values as the API's seconds: a Unix time ("1700000000" or with a
 * fraction), a duration back from now ("10m", "1h30m", "42s"), or an RFC 3339 date.
 */
export function timestampQuery(text: string | undefined, now: number): string | undefined {
  if (text === undefined || text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return text;
  const duration = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(text);
  if (duration && text !== "") {
    const seconds = Number(duration[1] ?? 0) * 3600 + Number(duration[2] ?? 0) * 60 + Number(duration[3] ?? 0);
    return ((now - seconds * 1000) / 1000).toFixed(9).replace(/\.?0+$/, "");
  }
  const date = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(date)) throw new UsageError(`invalid value for "since": failed to parse value as time or duration: ${JSON.stringify(text)}`, 125);
  return (date / 1000).toFixed(9).replace(/\.?0+$/, "");
}
