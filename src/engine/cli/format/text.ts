import { humanDuration } from "../../../shared/human-duration";
import { goType } from "./go-template";

/** docker/cli's Ellipsis: at most `width` characters, the last one "…" when cut. */
export function ellipsis(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  return chars.slice(0, Math.max(0, width - 1)).join("") + "…";
}

/** An ID as Docker shows it by default: 12 hex digits, no "sha256:". */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, "").slice(0, 12);
}

/** "2 minutes ago", from a time in milliseconds. */
export function ago(then: number, now: number): string {
  return `${humanDuration(now - then)} ago`;
}

/** Go's time.Time.String() in UTC: "2024-05-01 12:03:04 +0000 UTC". */
export function goTime(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace(/\.\d+Z$/, " +0000 UTC");
}


/**
 * A row as docker/cli's formatting context: a Go struct of that type to templates (so an
 * unknown field is an error naming it, not "<no value>"), and to `{{json .}}` a map whose keys
 * come out sorted.
 */
export function withJson<T extends object>(row: T, type: string): T & { toJSON(): object } {
  const sorted = Object.fromEntries(
    Object.entries(row)
      .filter(([, value]) => typeof value !== "function")
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return { ...row, [goType]: type, toJSON: () => sorted };
}
