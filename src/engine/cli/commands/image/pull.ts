import { DrydockError } from "../../../../shared/errors";
import type { Verb } from "../../command";
import { DaemonError } from "../../../client/errors";
import { StatusError } from "../../errors";
import type { CliOutput } from "../../io";
import { canonicalString, parseReference } from "../../../image/reference";
import { imageReference, pullImage } from "./pull-image";

const SILENT: CliOutput = { isTty: false, write: async () => undefined };

export const pull: Verb = {
  name: "pull",
  usage: "[OPTIONS] NAME[:TAG|@DIGEST]",
  short: "Download an image from a registry",
  args: { min: 1, max: 1 },
  flags: [
    { name: "all-tags", short: "a", type: "bool", usage: "Download all tagged images in the repository" },
    { name: "platform", type: "string", usage: "Set platform if server is multi-platform capable" },
    { name: "quiet", short: "q", type: "bool", usage: "Suppress verbose output" },
  ],
  async run(context, [name], flags) {
    const quiet = flags.bool("quiet");
    try {
      const given = parseReference(name!);
      if (!given.tag && !given.digest && !quiet) await context.out("Using default tag: latest\n");
      const reference = imageReference(name!);
      await pullImage(context, reference, quiet ? SILENT : context.io.stdout);
      await context.out(`${canonicalString(reference)}\n`);
      return 0;
    } catch (error) {
      // A failure reported inside the progress stream is printed as it is.
      if (error instanceof DrydockError && !(error instanceof DaemonError)) throw new StatusError(1, error.message);
      throw error;
    }
  },
};
