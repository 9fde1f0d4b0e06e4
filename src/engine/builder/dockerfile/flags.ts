// The `--name=value` flags of an instruction, checked as BuildKit's BFlags checks them, with its
// words for the errors.
import { DrydockError } from "../../../shared/errors";
import { withSuggestion } from "./suggest";

/** bool: `--link` or `--link=true|false`; string: one `--from=x`; strings: `--exclude=x`, repeatable. */
export type FlagKind = "bool" | "string" | "strings";

export class Flags {
  /** The names given, in order, each once. */
  readonly used: string[] = [];
  private readonly values = new Map<string, string[]>();

  /** A string flag's value; an empty value (`--from=`) counts as not given. */
  string(name: string): string | undefined {
    return this.values.get(name)?.[0] || undefined;
  }

  bool(name: string): boolean {
    return this.values.get(name)?.[0] === "true";
  }

  add(name: string, value: string): void {
    const values = this.values.get(name);
    if (values) values.push(value);
    else {
      this.used.push(name);
      this.values.set(name, [value]);
    }
  }
}

function fail(message: string): never {
  throw new DrydockError("InvalidParameter", message);
}

/** Checks `given` (each `--name` or `--name=value`) against the flags an instruction takes. */
export function parseFlags(given: string[], takes: Record<string, FlagKind>): Flags {
  const flags = new Flags();
  for (const flag of given) {
    const at = flag.indexOf("=");
    const written = at < 0 ? flag : flag.slice(0, at);
    const name = written.slice(2);
    const value = at < 0 ? undefined : flag.slice(at + 1);
    const kind = Object.hasOwn(takes, name) ? takes[name] : undefined;
    if (kind === undefined) fail(withSuggestion(`unknown flag: ${written}`, name, Object.keys(takes), true));
    if (kind !== "strings" && flags.used.includes(name)) fail(`duplicate flag specified: ${written}`);
    if (kind === "bool") {
      if (value === "") fail(`missing a value on flag: ${written}`);
      const lower = (value ?? "true").toLowerCase();
      if (lower !== "true" && lower !== "false") fail(`expecting boolean value for flag ${written}, not: ${value}`);
      flags.add(name, lower);
    } else {
      if (value === undefined) fail(`missing a value on flag: ${written}`);
      flags.add(name, value);
    }
  }
  return flags;
}
