/**
 * Go's strconv.FormatFloat for float64 ('e', 'f', 'g'; precision -1 for the shortest form),
 * which fmt's %v/%e/%f/%g and go-units' sizes are built on. Rounding with a precision is Go's:
 * on the exact binary value, ties to even (JavaScript's toFixed/toPrecision round ties up).
 */
export type FloatVerb = "e" | "E" | "f" | "g" | "G";

/** Go's %.Ng: N significant digits, trailing zeros dropped, "1e+03" once the exponent reaches N. */
export function formatG(value: number, precision: number): string {
  return formatFloat(value, "g", precision);
}

export function formatFloat(value: number, verb: FloatVerb, precision: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  const abs = Math.abs(value);
  const body = precision < 0 ? shortest(abs, verb) : fixed(abs, verb, precision);
  return sign + body;
}

/** A decimal number: the digits (no leading or trailing zeros) and where the point goes. */
interface Decimal {
  digits: string;
  point: number;
}

function shortest(abs: number, verb: FloatVerb): string {
  const d = shortestDecimal(abs);
  const n = d.digits.length;
  switch (verb) {
    case "e":
    case "E":
      return exponentForm(d, Math.max(n - 1, 0), verb);
    case "f":
      return fixedForm(d, Math.max(n - d.point, 0));
    default: {
      // Go decides by precision 6 when the precision is the shortest one.
      const exp = d.point - 1;
      if (exp < -4 || exp >= 6) return exponentForm(d, Math.max(n - 1, 0), verb === "G" ? "E" : "e");
      return fixedForm(d, Math.max(n - d.point, 0));
    }
  }
}

function fixed(abs: number, verb: FloatVerb, precision: number): string {
  const exact = exactDecimal(abs);
  switch (verb) {
    case "e":
    case "E":
      return exponentForm(round(exact, precision + 1), precision, verb);
    case "f":
      return fixedForm(round(exact, exact.point + precision), precision);
    default: {
      const digits = precision === 0 ? 1 : precision;
      const d = round(exact, digits);
      const n = d.digits.length;
      const exp = d.point - 1;
      if (exp < -4 || exp >= digits) return exponentForm(d, Math.min(digits, Math.max(n, 1)) - 1, verb === "G" ? "E" : "e");
      return fixedForm(d, Math.max((digits > d.point ? n : digits) - d.point, 0));
    }
  }
}

/** "d.ddde+XX": `decimals` digits after the point, an exponent of at least two digits. */
function exponentForm(d: Decimal, decimals: number, e: "e" | "E"): string {
  const digit = (i: number) => d.digits[i] ?? "0";
  let out = digit(0);
  if (decimals > 0) {
    out += ".";
    for (let i = 1; i <= decimals; i++) out += digit(i);
  }
  const exp = d.digits === "" ? 0 : d.point - 1;
  return `${out}${e}${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

/** "ddd.ddd" with `decimals` digits after the point. */
function fixedForm(d: Decimal, decimals: number): string {
  const digit = (i: number) => (i >= 0 && i < d.digits.length ? d.digits[i] : "0");
  let out = "";
  if (d.point > 0) for (let i = 0; i < d.point; i++) out += digit(i);
  else out = "0";
  if (decimals > 0) {
    out += ".";
    for (let i = 0; i < decimals; i++) out += digit(d.point + i);
  }
  return out;
}

/** The shortest digits that read back as the same float64 (what Number#toString finds too). */
function shortestDecimal(abs: number): Decimal {
  if (abs === 0) return { digits: "", point: 0 };
  const [mantissa = "", exponent = "0"] = abs.toExponential().split("e");
  return { digits: mantissa.replace(".", ""), point: Number(exponent) + 1 };
}

/** Every digit of the float64's binary value, which always has a finite decimal expansion. */
function exactDecimal(abs: number): Decimal {
  if (abs === 0) return { digits: "", point: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, abs);
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exp2 = (biased === 0 ? 1 : biased) - 1075;
  let digits: string;
  let point: number;
  if (exp2 >= 0) {
    digits = (mantissa << BigInt(exp2)).toString();
    point = digits.length;
  } else {
    // m / 2^k = m * 5^k / 10^k
    digits = (mantissa * 5n ** BigInt(-exp2)).toString();
    point = digits.length + exp2;
  }
  return trim({ digits, point });
}

/** The first `count` digits, rounded half to even (count may be 0 or negative: all digits go). */
function round(d: Decimal, count: number): Decimal {
  if (count < 0) return { digits: "", point: 0 };
  if (count >= d.digits.length) return d;
  const next = d.digits.charCodeAt(count) - 48;
  const halfway = next === 5 && count + 1 === d.digits.length;
  const up = halfway ? count > 0 && (d.digits.charCodeAt(count - 1) - 48) % 2 === 1 : next >= 5;
  if (!up) return trim({ digits: d.digits.slice(0, count), point: d.point });
  let i = count - 1;
  while (i >= 0 && d.digits[i] === "9") i--;
  if (i < 0) return { digits: "1", point: d.point + 1 };
  return trim({ digits: d.digits.slice(0, i) + String(d.digits.charCodeAt(i) - 47), point: d.point });
}

function trim(d: Decimal): Decimal {
  const digits = d.digits.replace(/^0+/, "");
  const point = d.point - (d.digits.length - digits.length);
  const trimmed = digits.replace(/0+$/, "");
  return trimmed === "" ? { digits: "", point: 0 } : { digits: trimmed, point };
}
