import { DrydockError } from "../../../../shared/errors";
import { parseReference } from "../../../image/reference";
import type { Verb } from "../../command";
import { StatusError } from "../../errors";

export const commit: Verb = {
  name: "commit",
  usage: "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
  short: "Create a new image from a container's changes",
  args: { min: 1, max: 2 },
  flags: [
    { name: "author", short: "a", type: "string", usage: 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' },
    { name: "change", short: "c", type: "list", usage: "Apply Dockerfile instruction to the created image" },
    { name: "message", short: "m", type: "string", usage: "Commit message" },
    { name: "pause", short: "p", type: "bool", usage: "Pause container during commit", default: true },
  ],
  async run(context, [name, target], flags) {
    let reference: { repo: string; tag?: string } | undefined;
    if (target) {
      try {
        const parsed = parseReference(target);
        if (parsed.digest) throw new DrydockError("InvalidParameter", "refusing to create a tag with a digest reference");
        reference = parsed.tag !== undefined ? { repo: target.slice(0, target.lastIndexOf(":")), tag: parsed.tag } : { repo: target };
      } catch (error) {
        if (error instanceof DrydockError) throw new StatusError(1, `Error parsing reference: ${JSON.stringify(target)} is not a valid repository/tag: ${error.message}`);
        throw error;
      }
    }
    const id = await context.api.containers.commit(name!, {
      reference,
      comment: flags.string("message") || undefined,
      author: flags.string("author") || undefined,
      changes: flags.list("change"),
      pause: flags.bool("pause"),
    });
    await context.out(`${id}\n`);
    return 0;
  },
};
