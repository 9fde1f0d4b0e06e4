import type { Verb } from "../../command";
import { StatusError } from "../../errors";
import { parseReference } from "../../../image/reference";
import { DrydockError } from "../../../../shared/errors";

export const tag: Verb = {
  name: "tag",
  usage: "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
  short: "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
  args: { min: 2, max: 2 },
  async run(context, [source, target]) {
    let repo: string;
    let tagName: string | undefined;
    try {
      const reference = parseReference(target!);
      if (reference.digest) throw new DrydockError("InvalidParameter", "refusing to create a tag with a digest reference");
      const at = target!.lastIndexOf(":");
      const hasTag = reference.tag !== undefined;
      repo = hasTag ? target!.slice(0, at) : target!;
      tagName = reference.tag;
    } catch (error) {
      if (error instanceof DrydockError) throw new StatusError(1, `Error parsing reference: ${JSON.stringify(target)} is not a valid repository/tag: ${error.message}`);
      throw error;
    }
    await context.api.images.tag(source!, { repo, tag: tagName });
    return 0;
  },
};
