import { DrydockError } from "../../../shared/errors";
import { parseDuration } from "../../../shared/go-duration";
import { parseLayout, TimeParseError } from "./go-time";
import { goQuote } from "../../../shared/go-quote";
import { parseInt64 } from "../../../shared/go-strconv";

/**
 * A filter's timestamp (`until=`) as Docker 27 reads it (moby api/types/time GetTimestamp, then
 * ParseTimestamps): a Go duration before `nowMs` (whole seconds), an RFC 3339 date or time (in the
 * daemon's zone when it names none), or Unix seconds with an optional fraction. Milliseconds since
 * the epoch; InvalidParameter in Docker's words otherwise.
 */
export function parseTimestamp(value: string, nowMs: number): number {
  const duration = parseDuration(value);
  if (duration !== undefined && value !== "0") {
    const nanos = BigInt(nowMs) * 1_000_000n - duration;
    const seconds = nanos / 1_000_000_000n - (nanos % 1_000_000_000n < 0n ? 1n : 0n);
    return Number(seconds) * 1000;
  }
  const local = !/[zZ+]/.test(value) && value.split("-").length - 1 !== 3;
  try {
    return parseLayout(layoutFor(value, local), value, local ? -new Date(nowMs).getTimezoneOffset() * 60 : 0);
  } catch (error) {
    if (!(error instanceof TimeParseError)) throw error;
    // With a dash it was meant as a date: Go's own parse error says what is wrong with it.
    if (value.includes("-")) throw new DrydockError("InvalidParameter", error.message);
  }
  return unixSeconds(value);
}

function layoutFor(value: string, local: boolean): string {
  if (value.includes(".")) return local ? "2006-01-02T15:04:05.999999999" : "2006-01-02T15:04:05.999999999Z07:00";
  if (!value.includes("T")) return local ? "2006-01-02" : "2006-01-02Z07:00";
  // The colons of the time; an offset (+01:00) brings one more.
  const colons = value.split(":").length - 1 - (!local && !/[zZ]/.test(value) && value.includes(":") ? 1 : 0);
  const time = ["2006-01-02T15", "2006-01-02T15:04", "2006-01-02T15:04:05"][Math.min(colons, 2)]!;
  return local ? time : `${time}Z07:00`;
}

/** `1700000000` or `1700000000.5`: Docker scales the fraction to nanoseconds. */
function unixSeconds(value: string): number {
  try {
    return parseUnixTimestamp(value);
  } catch {
    throw new DrydockError("InvalidParameter", `failed to parse value as time or duration: ${goQuote(value)}`);
  }
}

/**
 * Unix seconds with an optional fraction ("1733456789.5"), in milliseconds: moby's
 * ParseTimestamps, which the events route uses alone (the docker CLI turns `--since 10m` into
 * this); its strconv error otherwise.
 */
export function parseUnixTimestamp(value: string): number {
  const dot = value.indexOf(".");
  const seconds = parseInt64(dot < 0 ? value : value.slice(0, dot));
  if (dot < 0) return Number(seconds) * 1000;
  const digits = value.slice(dot + 1);
  const nanos = Math.trunc(Number(parseInt64(digits)) * 10 ** (9 - digits.length));
  return Number(seconds) * 1000 + nanos / 1e6;
}
