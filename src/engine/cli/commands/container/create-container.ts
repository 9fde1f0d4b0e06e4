import type { ContainerCreateBody } from "../../../../shared/engine-api/containers";
import type { CommandContext } from "../../command";
import { DaemonError } from "../../../client/errors";
import { familiarString } from "../../../image/reference";
import { imageReference, pullImage } from "../image/pull-image";

/**
 * POST /containers/create, pulling the image first when it is missing (or always, with
 * --pull always), as `docker run` and `docker create` do: "Unable to find image ... locally",
 * the pull's progress on stderr, then the create again. Warnings go to stderr.
 */
export async function createContainer(context: CommandContext, body: ContainerCreateBody, name: string | undefined, pull: string): Promise<string> {
  const reference = imageReference(body.Image!);
  const create = () => context.api.containers.create(body, name);
  if (pull === "always") await pullImage(context, reference, context.io.stderr);
  let created;
  try {
    created = await create();
  } catch (error) {
    if (!(error instanceof DaemonError && error.kind === "NotFound" && error.message.startsWith("No such image") && pull === "missing")) throw error;
    await context.err(`Unable to find image '${familiarString(reference)}' locally\n`);
    await pullImage(context, reference, context.io.stderr);
    created = await create();
  }
  for (const warning of created.Warnings ?? []) await context.err(`WARNING: ${warning}\n`);
  return created.Id;
}
