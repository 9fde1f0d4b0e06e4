import { BUILD_PROGRESS_ID, type BuildMessage, type BuildProgress } from "../../../shared/engine-api/build";
import { jsonLines } from "../../client/json-lines";

/** How a build ended, as its stream said. */
export interface BuildOutcome {
  /** The last image the stream named (each stage's, then the build's). */
  imageId?: string;
  /** Why it failed (the daemon's errorDetail). */
  error?: string;
}

/**
 * Reads POST /build's messages: the progress (`id` drydock.build) to `onProgress`, the image
 * IDs and the error kept. The classic `stream` text is for the official CLI, which has no
 * other: the progress says the same, so it is not shown.
 */
export async function followBuild(chunks: AsyncIterable<Uint8Array>, onProgress: (progress: BuildProgress) => void): Promise<BuildOutcome> {
  const outcome: BuildOutcome = {};
  for await (const message of jsonLines<BuildMessage>(chunks)) {
    if (message.id === BUILD_PROGRESS_ID && message.aux) onProgress(message.aux as BuildProgress);
    else if (message.aux && "ID" in message.aux) outcome.imageId = message.aux.ID;
    if (message.errorDetail || message.error !== undefined) outcome.error = message.errorDetail?.message ?? message.error;
  }
  return outcome;
}
