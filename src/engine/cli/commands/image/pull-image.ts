import type { CommandContext } from "../../command";
import type { CliOutput } from "../../io";
import { displayJsonMessages } from "../../streams/progress";
import { familiarName, parseReference, withDefaultTag, type Reference } from "../../../image/reference";

/** The image with :latest when it names no tag, parsed; Docker's wording when it does not parse. */
export function imageReference(image: string): Reference {
  return withDefaultTag(parseReference(image));
}

/** POST /images/create, its progress drawn as Docker draws it (per layer on a terminal). */
export async function pullImage(context: CommandContext, reference: Reference, out: CliOutput): Promise<void> {
  const query = { fromImage: familiarName(reference), ...(reference.digest ? { tag: reference.digest } : { tag: reference.tag }) };
  const chunks = await context.api.images.pull(query, context.signal);
  await displayJsonMessages(chunks, out, context.io.size()?.cols ?? 80);
}
