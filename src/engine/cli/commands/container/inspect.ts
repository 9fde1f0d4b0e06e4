import type { Verb } from "../../command";
import { INSPECT_FORMAT_FLAG } from "../format-flag";
import { inspectObjects } from "../inspect";

export const inspect: Verb = {
  name: "inspect",
  usage: "[OPTIONS] CONTAINER [CONTAINER...]",
  short: "Display detailed information on one or more containers",
  args: { min: 1 },
  flags: [INSPECT_FORMAT_FLAG, { name: "size", short: "s", type: "bool", usage: "Display total file sizes" }],
  run: (context, names, flags) => inspectObjects(context, names, ["container"], flags.string("format")),
};
