import type { CommandContext } from "../../command";
import { StatusError } from "../../errors";
import { streamHijacked } from "../../streams/hijack-session";
import { followResize } from "../../streams/resize";
import { proxySignals } from "../../streams/signal-proxy";

export interface AttachOptions {
  tty: boolean;
  stdin: boolean;
  detachKeys: string | undefined;
  /** What the exit status waits for: the next exit (run, start -a), or removal (--rm). */
  condition?: "next-exit" | "removed";
  sigProxy: boolean;
  /** Starts the container once attached (run, start -a); docker attach has none. */
  start?: () => Promise<void>;
}

/**
 * docker run, start -a and attach alike: attach first (so no output is missed), ask to be told
 * of the exit, start, carry the streams (resizes and signals too), and return the container's
 * exit status, or 0 when the learner detached.
 */
export async function runAttached(context: CommandContext, id: string, options: AttachOptions): Promise<number> {
  const stream = await context.api.containers.attach(id, { stdin: options.stdin, detachKeys: options.detachKeys, signal: context.signal });
  const exit = context.api.containers.wait(id, { condition: options.condition, signal: context.signal });
  exit.catch(() => undefined);
  const streaming = streamHijacked(context.io, stream, options);
  try {
    await options.start?.();
  } catch (error) {
    stream.end();
    throw error;
  }
  const resizing = options.tty ? followResize(context, (size) => context.api.containers.resize(id, size)) : undefined;
  const proxy = options.sigProxy && !options.tty ? proxySignals(context, id) : undefined;
  try {
    if ((await streaming) === "detached") return 0;
    const result = await exit;
    if (result.Error?.Message) throw new StatusError(125, `docker: ${result.Error.Message}`);
    return result.StatusCode;
  } finally {
    resizing?.dispose();
    proxy?.dispose();
  }
}
