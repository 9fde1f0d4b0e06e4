/**
 * How template functions are described to the executor: the Go types of their parameters
 * decide how arguments are checked and converted, as Go's reflection does.
 *
 * - "value": anything, untouched (Go's reflect.Value parameters: len, index, eq, ...)
 * - "any": anything; no value at all becomes nil (Go's interface{} parameters)
 * - "string", "int": that type, or an error naming it
 */
export type ParamType = "value" | "any" | "string" | "int";

export interface CallFunc {
  params: ParamType[];
  /** The type of the arguments after the fixed ones, for a variadic function. */
  variadic?: ParamType;
  call(...args: unknown[]): unknown;
}

/** `and` and `or`: their arguments are evaluated one by one until one decides. */
export interface ShortCircuitFunc {
  params: ["value"];
  variadic: "value";
  /** The truth that stops the evaluation: false for and, true for or. */
  stopsOn: boolean;
}

export type GoFunc = CallFunc | ShortCircuitFunc;

/** A function's complaint; the executor reports it as Go does: "error calling NAME: ...". */
export class FuncError extends Error {}
