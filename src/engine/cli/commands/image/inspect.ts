import type { Verb } from "../../command";
import { INSPECT_FORMAT_FLAG } from "../format-flag";
import { inspectObjects } from "../inspect";

export const inspect: Verb = {
  name: "inspect",
  usage: "[OPTIONS] IMAGE [IMAGE...]",
  short: "Display detailed information on one or more images",
  args: { min: 1 },
  flags: [INSPECT_FORMAT_FLAG],
  run: (context, names, flags) => inspectObjects(context, names, ["image"], flags.string("format")),
};
