import { UsageError } from "../errors";
import { isRepeatable, type FlagSpec } from "./flag-spec";
import { checkValue, parseBool, parseBytes, parseDecimal, parseInteger, parseStringToString, ValueError } from "./values";

/** The flags a command line set, read by type. */
export class ParsedFlags {
  constructor(
    private readonly specs: Map<string, FlagSpec>,
    private readonly values: Map<string, string[]>,
  ) {}

  /** True when the flag was given (even with its default value). */
  changed(name: string): boolean {
    return this.values.has(name);
  }

  bool(name: string): boolean {
    const value = this.last(name);
    return value === undefined ? Boolean(this.spec(name).default) : parseBool(value);
  }

  string(name: string): string {
    return this.last(name) ?? String(this.spec(name).default ?? "");
  }

  /** An optional string: undefined when not given and without a default. */
  optional(name: string): string | undefined {
    return this.last(name) ?? (this.spec(name).default === undefined ? undefined : String(this.spec(name).default));
  }

  int(name: string): number {
    const value = this.last(name);
    return value === undefined ? Number(this.spec(name).default ?? 0) : parseInteger(value);
  }

  bytes(name: string): number {
    const value = this.last(name);
    return value === undefined ? 0 : parseBytes(value);
  }

  decimal(name: string): number {
    const value = this.last(name);
    return value === undefined ? 0 : parseDecimal(value);
  }

  list(name: string): string[] {
    return this.values.get(name) ?? [];
  }

  /** A strings flag's values (pflag's StringSlice): each given value split at its commas. */
  strings(name: string): string[] {
    return this.list(name).flatMap((value) => (value === "" ? [] : value.split(",")));
  }

  /** A map flag's pairs (docker's MapOpts): "key=value", or "key" for an empty value; later ones win. */
  pairs(name: string): Record<string, string> {
    const pairs: Record<string, string> = {};
    for (const value of this.list(name)) {
      const at = value.indexOf("=");
      pairs[at < 0 ? value : value.slice(0, at)] = at < 0 ? "" : value.slice(at + 1);
    }
    return pairs;
  }

  /** A stringToString flag's pairs, later ones replacing earlier ones of the same key. */
  map(name: string): Map<string, string> {
    return new Map(this.list(name).flatMap(parseStringToString));
  }

  private last(name: string): string | undefined {
    this.spec(name);
    return this.values.get(name)?.at(-1);
  }

  private spec(name: string): FlagSpec {
    const spec = this.specs.get(name);
    if (!spec) throw new Error(`no flag --${name} is declared`);
    return spec;
  }
}

export interface ParseResult {
  flags: ParsedFlags;
  args: string[];
  /** -h or --help was given. */
  help: boolean;
}

/**
 * pflag's grammar, which the docker CLI inherits: --flag=value and --flag value, bool flags
 * without a value (--rm, --rm=false), short flags combined (-it, -dp 8080:80, -p8080:80,
 * -e=X), repeated flags collected, `--` ending the options. With `interspersed` false
 * (run, create, exec), the first argument that is not a flag ends them too: `docker run -it
 * busybox ls -l` leaves `-l` to the container.
 */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[], interspersed = true): ParseResult {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const byShort = new Map(specs.filter((spec) => spec.short).map((spec) => [spec.short!, spec]));
  const values = new Map<string, string[]>();
  const args: string[] = [];
  let help = false;

  const set = (spec: FlagSpec, value: string) => {
    if (spec.unsupported) throw new UsageError(`Drydock does not support --${spec.name} yet`, 125);
    try {
      checkValue(spec.type, value);
      spec.check?.(value);
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      const shown = spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
      throw new UsageError(`invalid argument ${JSON.stringify(value)} for "${shown}" flag: ${error.message}`, 125);
    }
    if (isRepeatable(spec.type)) values.set(spec.name, [...(values.get(spec.name) ?? []), value]);
    else values.set(spec.name, [value]);
  };

  let i = 0;
  while (i < argv.length) {
    const arg = argv[i++]!;
    if (arg === "--") {
      args.push(...argv.slice(i));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      args.push(arg);
      if (!interspersed) {
        args.push(...argv.slice(i));
        break;
      }
      continue;
    }
    if (arg.startsWith("--")) {
      const equals = arg.indexOf("=");
      const name = equals < 0 ? arg.slice(2) : arg.slice(2, equals);
      if (name === "help") {
        help = true;
        continue;
      }
      const spec = byName.get(name);
      if (!spec) throw new UsageError(`unknown flag: --${name}`, 125);
      if (equals >= 0) set(spec, arg.slice(equals + 1));
      else if (spec.type === "bool") set(spec, "true");
      else if (i < argv.length) set(spec, argv[i++]!);
      else throw new UsageError(`flag needs an argument: --${name}`, 125);
      continue;
    }
    let shorts = arg.slice(1);
    while (shorts.length > 0) {
      const c = shorts[0]!;
      const spec = byShort.get(c);
      if (!spec) {
        if (c === "h") {
          help = true;
          shorts = shorts.slice(1);
          continue;
        }
        throw new UsageError(`unknown shorthand flag: '${c}' in -${shorts}`, 125);
      }
      if (shorts.length > 2 && shorts[1] === "=") {
        set(spec, shorts.slice(2));
        shorts = "";
      } else if (spec.type === "bool") {
        set(spec, "true");
        shorts = shorts.slice(1);
      } else if (shorts.length > 1) {
        set(spec, shorts.slice(1));
        shorts = "";
      } else if (i < argv.length) {
        set(spec, argv[i++]!);
        shorts = "";
      } else {
        throw new UsageError(`flag needs an argument: '${c}' in -${c}`, 125);
      }
    }
  }
  return { flags: new ParsedFlags(byName, values), args, help };
}
