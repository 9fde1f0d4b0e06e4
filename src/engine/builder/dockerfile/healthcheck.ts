// HEALTHCHECK's node to its instruction, its durations and retries checked as BuildKit checks
// them (with Go's time.ParseDuration and strconv.ParseInt, whose words its errors carry).
import { DrydockError } from "../../../shared/errors";
import { goQuote } from "../../../shared/go-quote";
import { NumError, parseInt64 } from "../../../shared/go-strconv";
import { parseDuration } from "../../../shared/go-duration";
import { parseFlags, type Flags } from "./flags";
import type { CommandLine, HealthcheckInstruction, Located } from "./instructions";
import type { DockerfileNode } from "./parse-nodes";

function fail(message: string): never {
  throw new DrydockError("InvalidParameter", message);
}

export function parseHealthcheck(node: DockerfileNode, located: Located): HealthcheckInstruction {
  const [type, ...rest] = node.args;
  if (type === undefined) fail("HEALTHCHECK requires at least one argument");
  // BuildKit reads no flags after NONE: they are ignored.
  if (type.toUpperCase() === "NONE") {
    if (rest.length > 0) fail("HEALTHCHECK NONE takes no arguments");
    return { kind: "HEALTHCHECK", ...located, test: "NONE" };
  }
  const flags = parseFlags(node.flags, { interval: "string", timeout: "string", "start-period": "string", "start-interval": "string", retries: "string" });
  if (type.toUpperCase() !== "CMD") fail(`Unknown type ${goQuote(type.toUpperCase())} in HEALTHCHECK (try CMD)`);
  if (rest.length === 0) fail("Missing command after HEALTHCHECK CMD");
  const test: CommandLine = node.json ? { form: "exec", args: rest } : { form: "shell", command: rest.join(" ") };
  return {
    kind: "HEALTHCHECK",
    ...located,
    test,
    interval: interval(flags, "interval"),
    timeout: interval(flags, "timeout"),
    startPeriod: interval(flags, "start-period"),
    startInterval: interval(flags, "start-interval"),
    retries: retries(flags.string("retries")),
  };
}

/** A duration as written, checked: Go's syntax, and 0 or at least 1ms. */
function interval(flags: Flags, name: string): string | undefined {
  const text = flags.string(name);
  if (text === undefined) return undefined;
  const nanoseconds = parseDuration(text);
  if (nanoseconds === undefined) fail(durationError(text));
  if (nanoseconds !== 0n && nanoseconds < 1_000_000n) fail(`Interval ${goQuote(name)} cannot be less than 1ms`);
  return text;
}

/** Why Go's time.ParseDuration refuses `text`, in its words. */
function durationError(text: string): string {
  const invalid = `time: invalid duration ${goQuote(text)}`;
  let rest = text.replace(/^[-+]/, "");
  while (rest !== "") {
    const number = /^(\d*)(?:\.(\d*))?/.exec(rest)!;
    if (number[1] === "" && !number[2]) return invalid;
    rest = rest.slice(number[0].length);
    const unit = /^[^\d.]*/.exec(rest)![0];
    if (unit === "") return `time: missing unit in duration ${goQuote(text)}`;
    if (parseDuration(`1${unit}`) === undefined) return `time: unknown unit ${goQuote(unit)} in duration ${goQuote(text)}`;
    rest = rest.slice(unit.length);
  }
  // Every part reads: the total overflows.
  return invalid;
}

/** strconv.ParseInt(text, 10, 32), not negative. */
function retries(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  let value: bigint;
  try {
    value = parseInt64(text);
  } catch (error) {
    if (error instanceof NumError) fail(error.message);
    throw error;
  }
  if (value >= 2n ** 31n || value < -(2n ** 31n)) fail(new NumError("ParseInt", text, "value out of range").message);
  if (value < 0n) fail(`--retries cannot be negative (${value})`);
  return Number(value);
}
