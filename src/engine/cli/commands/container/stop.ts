import type { Verb } from "../../command";
import type { FlagSpec } from "../../flags/flag-spec";
import type { ParsedFlags } from "../../flags/parse";
import { forEachContainer } from "./each";

/** stop's and restart's: the signal, and how long to wait for it before SIGKILL. */
export const STOP_FLAGS: FlagSpec[] = [
  { name: "signal", short: "s", type: "string", usage: "Signal to send to the container" },
  { name: "timeout", short: "t", type: "int", usage: "Seconds to wait before killing the container" },
];

export function stopQuery(flags: ParsedFlags): { signal?: string; t?: number } {
  return { signal: flags.optional("signal"), t: flags.changed("timeout") ? flags.int("timeout") : undefined };
}

export const stop: Verb = {
  name: "stop",
  usage: "[OPTIONS] CONTAINER [CONTAINER...]",
  short: "Stop one or more running containers",
  args: { min: 1 },
  flags: STOP_FLAGS,
  run: (context, names, flags) => forEachContainer(context, names, (name) => context.api.containers.stop(name, stopQuery(flags))),
};
