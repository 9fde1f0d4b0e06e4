import type { Verb } from "../../command";
import { INSPECT_FORMAT_FLAG } from "../format-flag";
import { inspectObjects } from "../inspect";

export const inspect: Verb = {
  name: "inspect",
  usage: "[OPTIONS] NETWORK [NETWORK...]",
  short: "Display detailed information on one or more networks",
  args: { min: 1 },
  // --verbose adds a swarm network's services and peers; a local network shows the same either way.
  flags: [INSPECT_FORMAT_FLAG, { name: "verbose", short: "v", type: "bool", usage: "Verbose output for diagnostics" }],
  run: (context, names, flags) => inspectObjects(context, names, ["network"], flags.string("format")),
};
