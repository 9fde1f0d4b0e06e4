// Docker reads `until` with Go's time.Parse (durations: shared/go-duration.ts); it accepts the same text
// and fails with the same words, for the layouts Docker uses (see timestamp.ts).

export class TimeParseError extends Error {}

/** Go's time quoting (non-ASCII as \x bytes, unlike strconv.Quote). */
function timeQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0x80 || code < 0x20) out += [...new TextEncoder().encode(char)].map((b) => `\\x${b.toString(16).padStart(2, "0")}`).join("");
    else out += char === '"' || char === "\\" ? `\\${char}` : char;
  }
  return out + '"';
}

const ELEMENTS = ["2006", "01", "02", "15", "04", "05", ".999999999", "Z07:00"];

/** A layout as Go reads it: literal text, then an element, and so on. */
function chunks(layout: string): { literal: string; element: string }[] {
  const out: { literal: string; element: string }[] = [];
  let literal = "";
  for (let i = 0; i < layout.length; ) {
    const element = ELEMENTS.find((e) => layout.startsWith(e, i));
    if (element) {
      out.push({ literal, element });
      literal = "";
      i += element.length;
    } else literal += layout[i++];
  }
  out.push({ literal, element: "" });
  return out;
}

const isDigit = (text: string, i: number) => i < text.length && text[i]! >= "0" && text[i]! <= "9";

/** Go's getnum: one or two digits (exactly two when fixed). */
function number(text: string, fixed: boolean): [number, string] | undefined {
  if (!isDigit(text, 0)) return undefined;
  if (!isDigit(text, 1)) return fixed ? undefined : [Number(text[0]), text.slice(1)];
  return [Number(text.slice(0, 2)), text.slice(2)];
}

/** Go's parseNanoseconds: `.5` is 500000000; digits past the ninth are dropped. */
function nanoseconds(fraction: string): number {
  return Number(fraction.slice(1, 10).padEnd(9, "0"));
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * time.Parse (or ParseInLocation with a fixed offset, `localOffsetSeconds`) for Docker's timestamp
 * layouts; the instant in milliseconds since the epoch (fractional below a millisecond).
 */
export function parseLayout(layout: string, value: string, localOffsetSeconds = 0): number {
  const fail = (message: string) => new TimeParseError(`parsing time ${timeQuote(value)}${message}`);
  const cannot = (element: string, rest: string) => fail(` as ${timeQuote(layout)}: cannot parse ${timeQuote(rest)} as ${timeQuote(element)}`);
  let rest = value;
  let [year, month, day, hour, minute, second, nanos] = [0, 1, 1, 0, 0, 0, 0];
  let offset: number | undefined;
  const parts = chunks(layout);
  for (const [index, { literal, element }] of parts.entries()) {
    if (!rest.startsWith(literal)) {
      let at = 0;
      while (rest[at] === literal[at]) at++;
      throw cannot(literal, rest.slice(at));
    }
    rest = rest.slice(literal.length);
    if (element === "") break;
    const hold = rest;
    let range = "";
    let parsed: [number, string] | undefined;
    switch (element) {
      case "2006":
        parsed = /^\d{4}/.test(rest) ? [Number(rest.slice(0, 4)), rest.slice(4)] : undefined;
        if (parsed) year = parsed[0];
        break;
      case "01":
        parsed = number(rest, true);
        if (parsed) [month, range] = [parsed[0], parsed[0] < 1 || parsed[0] > 12 ? "month" : ""];
        break;
      case "02":
        parsed = number(rest, true);
        if (parsed) day = parsed[0];
        break;
      case "15":
        parsed = number(rest, false);
        if (parsed) [hour, range] = [parsed[0], parsed[0] >= 24 ? "hour" : ""];
        break;
      case "04":
        parsed = number(rest, true);
        if (parsed) [minute, range] = [parsed[0], parsed[0] >= 60 ? "minute" : ""];
        break;
      case "05": {
        parsed = number(rest, true);
        if (!parsed) break;
        [second, range] = [parsed[0], parsed[0] >= 60 ? "second" : ""];
        // Go takes a fraction here too when the layout has no fraction element next.
        const fraction = /^[.,]\d+/.exec(parsed[1]);
        if (!range && fraction && parts[index + 1]?.element !== ".999999999") {
          nanos = nanoseconds(fraction[0]);
          parsed[1] = parsed[1].slice(fraction[0].length);
        }
        break;
      }
      case ".999999999": {
        const fraction = /^[.,]\d+/.exec(rest);
        parsed = [0, fraction ? rest.slice(fraction[0].length) : rest];
        if (fraction) nanos = nanoseconds(fraction[0]);
        break;
      }
      case "Z07:00": {
        if (rest.startsWith("Z")) {
          [offset, parsed] = [0, [0, rest.slice(1)]];
          break;
        }
        if (rest.length < 6 || rest[3] !== ":") break;
        const hours = number(rest.slice(1, 3), true);
        const minutes = number(rest.slice(4, 6), true);
        range = hours && minutes && minutes[0] > 60 ? "time zone offset minute" : hours && hours[0] > 24 ? "time zone offset hour" : "";
        if (hours && minutes && (rest[0] === "+" || rest[0] === "-")) {
          offset = (rest[0] === "-" ? -1 : 1) * (hours[0] * 3600 + minutes[0] * 60);
          parsed = [0, rest.slice(6)];
        }
        break;
      }
    }
    if (range) throw fail(`: ${range} out of range`);
    if (!parsed) throw cannot(element, hold);
    rest = parsed[1];
  }
  if (rest !== "") throw fail(`: extra text: ${timeQuote(rest)}`);
  if (day < 1 || day > daysIn(month, year)) throw fail(": day out of range");
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime() + nanos / 1e6 - (offset ?? localOffsetSeconds) * 1000;
}
