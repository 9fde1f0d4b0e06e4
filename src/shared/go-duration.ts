// Go's time.ParseDuration, which Docker uses for `until` filters and HEALTHCHECK's options: the
// same text accepted, the same refused.

const UNITS: Record<string, bigint> = { ns: 1n, us: 1_000n, "µs": 1_000n, "μs": 1_000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };
const MAX = 1n << 63n;

/** time.ParseDuration in nanoseconds, or undefined where Go reports an error. */
export function parseDuration(text: string): bigint | undefined {
  let rest = text;
  const negative = rest.startsWith("-");
  if (negative || rest.startsWith("+")) rest = rest.slice(1);
  if (rest === "0") return 0n;
  if (rest === "") return undefined;
  let total = 0n;
  while (rest !== "") {
    const chunk = /^(\d*)(?:\.(\d*))?([^\d.]*)/.exec(rest)!;
    const [whole, integer = "", fraction, unitName = ""] = chunk;
    const unit = UNITS[unitName];
    if ((integer === "" && !fraction) || unit === undefined) return undefined;
    rest = rest.slice(whole.length);
    let value = BigInt(integer || "0");
    if (value > MAX / unit) return undefined;
    value *= unit;
    // Go scales the fraction in floating point, then truncates.
    if (fraction) value += BigInt(Math.trunc(Number(fraction) * (Number(unit) / 10 ** fraction.length)));
    total += value;
    if (value > MAX || total > MAX) return undefined;
  }
  if (!negative && total === MAX) return undefined;
  return negative ? -total : total;
}

/** A failed time.Parse, worded as Go's ParseError. */
