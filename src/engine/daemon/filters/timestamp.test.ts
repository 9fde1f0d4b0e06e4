import { afterEach, describe, expect, it, vi } from "vitest";
import { parseDuration } from "../../../shared/go-duration";
import { parseTimestamp } from "./timestamp";

const NOW = Date.UTC(2020, 0, 2, 3, 4, 5, 123);
const utc = (text: string) => Date.parse(text);

describe("Go's ParseDuration", () => {
  it("reads what Go reads", () => {
    expect(parseDuration("1h30m")).toBe(5_400_000_000_000n);
    expect(parseDuration("1.5h")).toBe(5_400_000_000_000n);
    expect(parseDuration(".5s")).toBe(500_000_000n);
    expect(parseDuration("1.s")).toBe(1_000_000_000n);
    expect(parseDuration("-1m")).toBe(-60_000_000_000n);
    expect(parseDuration("+2ms")).toBe(2_000_000n);
    expect(parseDuration("3µs4ns")).toBe(3004n);
    expect(parseDuration("0")).toBe(0n);
    expect(parseDuration("-0")).toBe(0n);
  });

  it("refuses what Go refuses", () => {
    for (const text of ["", "1", "1d", ".s", "1hm", "h", "1h5", "1 h", "--1h", "9223372036855s"]) expect(parseDuration(text), text).toBeUndefined();
  });
});

describe("Docker's timestamps (GetTimestamp, ParseTimestamps)", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("takes a duration back from now, to the whole second", () => {
    expect(parseTimestamp("1m", NOW)).toBe(utc("2020-01-02T03:03:05Z"));
    expect(parseTimestamp("1.5h", NOW)).toBe(utc("2020-01-02T01:34:05Z"));
    expect(parseTimestamp("24h", NOW)).toBe(utc("2020-01-01T03:04:05Z"));
    expect(parseTimestamp("-1m", NOW)).toBe(utc("2020-01-02T03:05:05Z"));
    expect(parseTimestamp("0s", NOW)).toBe(utc("2020-01-02T03:04:05Z"));
  });

  it("reads RFC 3339 and its shorter forms with a zone", () => {
    expect(parseTimestamp("2006-01-02T15:04:05.999999999+07:00", NOW)).toBe(utc("2006-01-02T08:04:05.999Z") + 0.999999);
    expect(parseTimestamp("2006-01-02T15:04:05.5Z", NOW)).toBe(utc("2006-01-02T15:04:05.500Z"));
    expect(parseTimestamp("2006-01-02T15:04:05Z", NOW)).toBe(utc("2006-01-02T15:04:05Z"));
    expect(parseTimestamp("2006-01-02T15:04Z", NOW)).toBe(utc("2006-01-02T15:04:00Z"));
    expect(parseTimestamp("2006-01-02T15:04+00:00", NOW)).toBe(utc("2006-01-02T15:04:00Z"));
    expect(parseTimestamp("2006-01-02T15-01:00", NOW)).toBe(utc("2006-01-02T16:00:00Z"));
    expect(parseTimestamp("2006-01-02T1Z", NOW)).toBe(utc("2006-01-02T01:00:00Z"));
    expect(parseTimestamp("2006-01-02Z", NOW)).toBe(utc("2006-01-02T00:00:00Z"));
    expect(parseTimestamp("2006-01-02-00:01", NOW)).toBe(utc("2006-01-02T00:01:00Z"));
    expect(parseTimestamp("2006-01-02T15:04:05,5Z", NOW)).toBe(utc("2006-01-02T15:04:05.500Z"));
  });

  it("reads a time without a zone in the daemon's zone", () => {
    const offsetMs = new Date(NOW).getTimezoneOffset() * 60_000;
    expect(parseTimestamp("2006-01-02T15:04:05", NOW)).toBe(utc("2006-01-02T15:04:05Z") + offsetMs);
    expect(parseTimestamp("2006-01-02T15:04", NOW)).toBe(utc("2006-01-02T15:04:00Z") + offsetMs);
    expect(parseTimestamp("2006-01-02T15", NOW)).toBe(utc("2006-01-02T15:00:00Z") + offsetMs);
    expect(parseTimestamp("2006-01-02", NOW)).toBe(utc("2006-01-02T00:00:00Z") + offsetMs);
    expect(parseTimestamp("2006-01-02T15:04:05.25", NOW)).toBe(utc("2006-01-02T15:04:05.250Z") + offsetMs);
  });

  it("reads Unix seconds, with a fraction scaled to nanoseconds", () => {
    expect(parseTimestamp("1136073600", NOW)).toBe(utc("2006-01-01T00:00:00Z"));
    expect(parseTimestamp("1136073600.5", NOW)).toBe(utc("2006-01-01T00:00:00.500Z"));
    expect(parseTimestamp("1136073600.000000001", NOW)).toBe(utc("2006-01-01T00:00:00Z") + 1e-6);
    expect(parseTimestamp("0", NOW)).toBe(0);
    expect(parseTimestamp("+5", NOW)).toBe(5000);
  });

  it("fails a date-like value with Go's parse error", () => {
    expect(() => parseTimestamp("2024-13-01", NOW)).toThrow('parsing time "2024-13-01": month out of range');
    expect(() => parseTimestamp("2023-02-29", NOW)).toThrow('parsing time "2023-02-29": day out of range');
    expect(() => parseTimestamp("2024-01-01T25:00", NOW)).toThrow('parsing time "2024-01-01T25:00": hour out of range');
    expect(() => parseTimestamp("2024-1-01", NOW)).toThrow('parsing time "2024-1-01" as "2006-01-02": cannot parse "1-01" as "01"');
    expect(() => parseTimestamp("2024-01-01x", NOW)).toThrow('parsing time "2024-01-01x": extra text: "x"');
    expect(() => parseTimestamp("2006-01-02T15:04:0Z", NOW)).toThrow('parsing time "2006-01-02T15:04:0Z" as "2006-01-02T15:04:05Z07:00": cannot parse "0Z" as "05"');
    expect(() => parseTimestamp("2006-01-02TZ", NOW)).toThrow('parsing time "2006-01-02TZ" as "2006-01-02T15Z07:00": cannot parse "Z" as "15"');
    expect(() => parseTimestamp("2006-01-02T15:04+25:00", NOW)).toThrow('parsing time "2006-01-02T15:04+25:00": time zone offset hour out of range');
    expect(() => parseTimestamp("-5", NOW)).toThrow('parsing time "-5" as "2006-01-02": cannot parse "-5" as "2006"');
  });

  it("fails anything else with Docker's own words, as a 400", () => {
    for (const value of ["soon", "", "1136073600.bar", "1.2.3", "12345678901234567890"]) {
      expect(() => parseTimestamp(value, NOW), value).toThrow(`failed to parse value as time or duration: ${JSON.stringify(value)}`);
    }
    expect(() => parseTimestamp("soon", NOW)).toThrow(expect.objectContaining({ kind: "InvalidParameter" }));
  });
});
