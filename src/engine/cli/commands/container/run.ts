import type { CommandContext, Verb } from "../../command";
import { DaemonError, StatusError } from "../../errors";
import { streamHijacked } from "../../streams/hijack-session";
import { followResize } from "../../streams/resize";
import { proxySignals } from "../../streams/signal-proxy";
import { createBody, CREATE_FLAGS } from "./create-options";
import { createContainer } from "./create-container";
import { containerPath } from "./each";
import { runFailure, startStatus } from "./run-failure";

export const run: Verb = {
  name: "run",
  usage: "[OPTIONS] IMAGE [COMMAND] [ARG...]",
  short: "Create and run a new container from an image",
  args: { min: 1 },
  interspersed: false,
  flags: [
    ...CREATE_FLAGS,
    { name: "detach", short: "d", type: "bool", usage: "Run container in background and print container ID" },
    { name: "detach-keys", type: "string", usage: "Override the key sequence for detaching a container" },
    { name: "sig-proxy", type: "bool", usage: "Proxy received signals to the process", default: true },
  ],
  async run(context, [image, ...command], flags) {
    const detach = flags.bool("detach");
    const stdin = flags.bool("interactive") && !detach;
    const tty = flags.bool("tty");
    if (tty && stdin && !context.io.stdin.isTty) {
      throw new StatusError(1, "the input device is not a TTY");
    }
    let id: string;
    try {
      const body = await createBody(context, image!, command, flags, { stdin, stdout: !detach, stderr: !detach });
      id = await createContainer(context, body, flags.optional("name"), flags.string("pull"));
    } catch (error) {
      throw runFailure(context, error, 125);
    }
    if (detach) {
      // The ID first, as Docker prints it: a start that fails still names what was created.
      await context.out(`${id}\n`);
      await start(context, id);
      return 0;
    }
    return attached(context, id, { tty, stdin, autoRemove: flags.bool("rm"), detachKeys: flags.optional("detach-keys"), sigProxy: flags.bool("sig-proxy") && !tty });
  },
};

async function start(context: CommandContext, id: string): Promise<void> {
  try {
    await context.api.text("POST", `${containerPath(id)}/start`);
  } catch (error) {
    throw runFailure(context, error, error instanceof DaemonError ? startStatus(error.message) : 125);
  }
}

/**
 * docker run without -d: attach first (so no output is missed), ask to be told of the exit,
 * start, carry the streams, then exit with the container's status.
 */
async function attached(context: CommandContext, id: string, options: { tty: boolean; stdin: boolean; autoRemove: boolean; detachKeys: string | undefined; sigProxy: boolean }): Promise<number> {
  const { stream } = await context.api.hijack("POST", `${containerPath(id)}/attach`, {
    signal: context.signal,
    query: { stream: true, stdin: options.stdin, stdout: true, stderr: true, detachKeys: options.detachKeys },
  });
  const exit = context.api.json<{ StatusCode: number; Error?: { Message?: string } | null }>("POST", `${containerPath(id)}/wait`, { query: { condition: options.autoRemove ? "removed" : "next-exit" }, signal: context.signal });
  exit.catch(() => undefined);
  const streaming = streamHijacked(context.io, stream, { tty: options.tty, stdin: options.stdin, detachKeys: options.detachKeys });
  try {
    await start(context, id);
  } catch (error) {
    stream.end();
    throw error;
  }
  const resizing = options.tty ? followResize(context, `${containerPath(id)}/resize`) : undefined;
  const proxy = options.sigProxy ? proxySignals(context, id) : undefined;
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
