/**
 * A flag's value type, named as Docker's help shows it ("-f, --filter filter", "-m, --memory
 * bytes"). bool takes no value; list, stringArray, strings (each value split at commas), filter,
 * stringToString and map (key=value pairs, docker's MapOpts) may be repeated.
 */
export type FlagType = "bool" | "string" | "int" | "uint" | "list" | "stringArray" | "filter" | "bytes" | "decimal" | "stringToString" | "strings" | "map";

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  usage: string;
  /** What help shows as "(default ...)"; the parser's value when the flag is absent. */
  default?: string | number | boolean;
  /** A further check of each value at parse time (docker/cli's validating options): throws ValueError. */
  check?: (text: string) => void;
  /**
   * Docker has the flag, Drydock does not do what it asks: it is parsed as Docker parses it
   * (so its value is not taken for an argument), refused when given, and left out of the help.
   */
  unsupported?: boolean;
}

export function isRepeatable(type: FlagType): boolean {
  return type === "list" || type === "stringArray" || type === "filter" || type === "stringToString" || type === "strings" || type === "map";
}
