import type { Verb } from "../../command";
import { inspectObjects } from "../inspect";

export const inspect: Verb = {
  name: "inspect",
  usage: "[OPTIONS] IMAGE [IMAGE...]",
  short: "Display detailed information on one or more images",
  args: { min: 1 },
  flags: [{ name: "format", short: "f", type: "string", usage: "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template" }],
  run: (context, names, flags) => inspectObjects(context, names, ["image"], flags.string("format")),
};
