import { formatFloat, type FloatVerb } from "../../../shared/go-float";
import { goKind, goTypeName, mapEntries } from "./go-values";
import { goQuote, isPrint } from "../../../shared/go-quote";

/**
 * Go's fmt as templates use it (print, printf, println and the printing of values): the
 * verbs %v %s %d %q %t %x %X %o %O %b %c %U %e %E %f %F %g %G %T %%, the flags "+- #0",
 * widths and precisions (also "*"). Not supported: %p, explicit argument indexes ("%[1]d"),
 * %#v's Go syntax (it prints as %v), hex floats. A JavaScript number is an int when whole,
 * so %f also takes ints, where Go would complain.
 */

/** fmt.Sprint: operands side by side, a space between two that are not strings. */
export function sprint(args: readonly unknown[]): string {
  let out = "";
  args.forEach((arg, i) => {
    if (i > 0 && typeof arg !== "string" && typeof args[i - 1] !== "string") out += " ";
    out += formatArg(arg, "v", NO_FLAGS);
  });
  return out;
}

/** fmt.Sprintln: operands separated by spaces, then a newline. */
export function sprintln(args: readonly unknown[]): string {
  return args.map((arg) => formatArg(arg, "v", NO_FLAGS)).join(" ") + "\n";
}

/** fmt.Sprint of one value: how a template prints what an action evaluates to. */
export function formatValue(value: unknown): string {
  return formatArg(value, "v", NO_FLAGS);
}

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  precision?: number;
}

const NO_FLAGS: Flags = { plus: false, minus: false, sharp: false, space: false, zero: false };

/** fmt.Sprintf, with Go's in-band complaints: "%!d(string=x)", "%!s(MISSING)", "%!(EXTRA int=1)". */
export function sprintf(format: string, args: readonly unknown[]): string {
  let out = "";
  let argNum = 0;
  let i = 0;
  while (i < format.length) {
    const percent = format.indexOf("%", i);
    if (percent < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, percent);
    i = percent + 1;
    const flags: Flags = { ...NO_FLAGS };
    for (; i < format.length; i++) {
      const c = format[i];
      if (c === "+") flags.plus = true;
      else if (c === "-") {
        flags.minus = true;
        flags.zero = false; // never pad with zeros on the right
      } else if (c === "#") flags.sharp = true;
      else if (c === " ") flags.space = true;
      else if (c === "0") flags.zero = !flags.minus;
      else break;
    }
    if (format[i] === "*") {
      i++;
      const width = args[argNum++];
      if (typeof width === "number" && Number.isInteger(width)) {
        flags.width = Math.abs(width);
        if (width < 0) {
          flags.minus = true;
          flags.zero = false;
        }
      } else out += "%!(BADWIDTH)";
    } else {
      const start = i;
      while (/[0-9]/.test(format[i] ?? "")) i++;
      if (i > start) flags.width = Number(format.slice(start, i));
    }
    if (format[i] === ".") {
      i++;
      if (format[i] === "*") {
        i++;
        const precision = args[argNum++];
        if (typeof precision === "number" && Number.isInteger(precision) && precision >= 0) flags.precision = precision;
        else out += "%!(BADPREC)";
      } else {
        const start = i;
        while (/[0-9]/.test(format[i] ?? "")) i++;
        flags.precision = Number(format.slice(start, i) || "0");
      }
    }
    if (i >= format.length) {
      out += "%!(NOVERB)";
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === "%") out += "%";
    else if (argNum >= args.length) out += `%!${verb}(MISSING)`;
    else out += formatArg(args[argNum++], verb, flags);
  }
  if (argNum < args.length) {
    const extra = args.slice(argNum).map((arg) => (arg === null || arg === undefined ? "<nil>" : `${goTypeName(arg)}=${formatArg(arg, "v", NO_FLAGS)}`));
    out += `%!(EXTRA ${extra.join(", ")})`;
  }
  return out;
}

function formatArg(arg: unknown, verb: string, flags: Flags, depth = 0): string {
  if (verb === "T") return pad(goTypeName(arg), flags);
  const kind = goKind(arg);
  if (kind === "nil") return depth > 0 || verb === "v" ? pad("<nil>", flags) : badVerb(arg, verb, flags);
  const stringer = asString(arg);
  if (stringer !== undefined && "vsqxX".includes(verb)) return formatString(stringer, verb, flags);
  switch (kind) {
    case "bool":
      return verb === "v" || verb === "t" ? pad(String(arg), flags) : badVerb(arg, verb, flags);
    case "int":
      return formatInt(arg as number | bigint, verb, flags) ?? badVerb(arg, verb, flags);
    case "float":
      return formatFloatArg(arg as number, verb, flags) ?? badVerb(arg, verb, flags);
    case "string":
      return "vsqxX".includes(verb) ? formatString(arg as string, verb, flags) : badVerb(arg, verb, flags);
    case "slice":
      return "[" + (arg as unknown[]).map((item) => formatArg(item, verb, flags, depth + 1)).join(" ") + "]";
    case "map":
      return "map[" + mapEntries(arg as object).map(([k, v]) => `${formatArg(k, verb, flags, depth + 1)}:${formatArg(v, verb, flags, depth + 1)}`).join(" ") + "]";
    case "struct": {
      // A pointer (a type named "*x") prints as &{...}, a struct value as {...}.
      const fields = Object.values(arg as object).filter((v) => typeof v !== "function");
      return (goTypeName(arg).startsWith("*") ? "&{" : "{") + fields.map((v) => formatArg(v, verb, flags, depth + 1)).join(" ") + "}";
    }
    default:
      return badVerb(arg, verb, flags);
  }
}

// Go's Stringer and error: an object of a class with its own toString (or an Error) prints as that.
function asString(arg: unknown): string | undefined {
  if (arg instanceof Error) return arg.message;
  if (typeof arg !== "object" || arg === null || Array.isArray(arg)) return undefined;
  const toString = (arg as { toString?: unknown }).toString;
  if (typeof toString !== "function" || toString === Object.prototype.toString) return undefined;
  return String(toString.call(arg));
}

function badVerb(arg: unknown, verb: string, flags: Flags): string {
  if (arg === null || arg === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(arg)}=${formatArg(arg, "v", flags)})`;
}

/** Pads to the width (counted in characters), on the left unless "-", with zeros for "0". */
function pad(text: string, flags: Flags): string {
  const missing = (flags.width ?? 0) - [...text].length;
  if (missing <= 0) return text;
  if (flags.minus) return text + " ".repeat(missing);
  return (flags.zero ? "0" : " ").repeat(missing) + text;
}

function formatString(text: string, verb: string, flags: Flags): string {
  if (flags.precision !== undefined && verb !== "x" && verb !== "X") text = [...text].slice(0, flags.precision).join("");
  switch (verb) {
    case "q":
      return pad(flags.sharp && canBackquote(text) ? "`" + text + "`" : goQuote(text, flags.plus), flags);
    case "x":
    case "X": {
      let bytes = [...new TextEncoder().encode(text)];
      if (flags.precision !== undefined) bytes = bytes.slice(0, flags.precision);
      const hex = bytes.map((b) => b.toString(16).padStart(2, "0"));
      const prefix = flags.sharp ? "0x" : "";
      const out = flags.space ? hex.map((h) => prefix + h).join(" ") : prefix + hex.join("");
      return pad(verb === "X" ? out.toUpperCase() : out, flags);
    }
    default:
      return pad(text, flags);
  }
}

function formatInt(value: number | bigint, verb: string, flags: Flags): string | undefined {
  const n = BigInt(value);
  const negative = n < 0n;
  const abs = negative ? -n : n;
  let digits: string;
  let prefix = "";
  switch (verb) {
    case "v":
    case "d":
      digits = abs.toString();
      break;
    case "b":
      digits = abs.toString(2);
      if (flags.sharp) prefix = "0b";
      break;
    case "o":
    case "O":
      digits = abs.toString(8);
      if (verb === "O") prefix = "0o";
      else if (flags.sharp) prefix = "0";
      break;
    case "x":
      digits = abs.toString(16);
      if (flags.sharp) prefix = "0x";
      break;
    case "X":
      digits = abs.toString(16).toUpperCase();
      if (flags.sharp) prefix = "0X";
      break;
    case "c":
      return pad(runeText(n), flags);
    case "q":
      return pad(quoteRune(runeText(n), flags.plus), flags);
    case "U": {
      const hex = `U+${abs.toString(16).toUpperCase().padStart(4, "0")}`;
      const ch = runeText(n);
      return pad(flags.sharp && isPrint(ch) ? `${hex} '${ch}'` : hex, flags);
    }
    case "e":
    case "E":
    case "f":
    case "F":
    case "g":
    case "G":
      return formatFloatArg(Number(value), verb, flags);
    default:
      return undefined;
  }
  const sign = negative ? "-" : flags.plus ? "+" : flags.space ? " " : "";
  let precision = flags.precision;
  // Zero padding is a precision: the zeros go between the sign and the digits.
  if (precision === undefined && flags.zero && flags.width !== undefined && !flags.minus) precision = flags.width - sign.length;
  if (precision === 0 && n === 0n) digits = "";
  else if (precision !== undefined) digits = digits.padStart(precision, "0");
  return pad(sign + prefix + digits, { ...flags, zero: false });
}

function formatFloatArg(value: number, verb: string, flags: Flags): string | undefined {
  const verbs: Record<string, [FloatVerb, number]> = { v: ["g", -1], g: ["g", -1], G: ["G", -1], e: ["e", 6], E: ["E", 6], f: ["f", 6], F: ["f", 6] };
  const spec = verbs[verb];
  if (!spec) return undefined;
  let num = formatFloat(value, spec[0], flags.precision ?? spec[1]);
  if (!num.startsWith("-") && !num.startsWith("+")) num = (flags.plus ? "+" : flags.space ? " " : "") + num;
  else if (num === "+Inf" && !flags.plus) num = flags.space ? " Inf" : "+Inf";
  if (!Number.isFinite(value)) return pad(num, { ...flags, zero: false });
  const missing = (flags.width ?? 0) - num.length;
  if (flags.zero && missing > 0) {
    const signed = /^[-+ ]/.test(num);
    return signed ? num[0] + "0".repeat(missing) + num.slice(1) : "0".repeat(missing) + num;
  }
  return pad(num, flags);
}

function runeText(n: bigint): string {
  return n < 0n || n > 0x10ffffn || (n >= 0xd800n && n < 0xe000n) ? "\ufffd" : String.fromCodePoint(Number(n));
}

function quoteRune(ch: string, asciiOnly: boolean): string {
  if (ch === "'") return "'\\''";
  if (ch === '"') return `'"'`;
  return "'" + goQuote(ch, asciiOnly).slice(1, -1) + "'";
}

function canBackquote(text: string): boolean {
  return !/[`\u0000-\u0008\u000a-\u001f\u007f\ufeff]/.test(text);
}

/** Go's %#U of one character: "U+0021 '!'" (the character only when printable). */
export function unicodeName(ch: string): string {
  const hex = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  return isPrint(ch) ? `${hex} '${ch}'` : hex;
}
