import type { CommandContext, Verb } from "../../command";
import { DaemonError, StatusError } from "../../errors";
import { streamHijacked } from "../../streams/hijack-session";
import { followResize } from "../../streams/resize";
import { containerPath, forEachName } from "./each";
import { startStatus } from "./run-failure";

export const start: Verb = {
  name: "start",
  usage: "[OPTIONS] CONTAINER [CONTAINER...]",
  short: "Start one or more stopped containers",
  args: { min: 1 },
  flags: [
    { name: "attach", short: "a", type: "bool", usage: "Attach STDOUT/STDERR and forward signals" },
    { name: "detach-keys", type: "string", usage: "Override the key sequence for detaching a container" },
    { name: "interactive", short: "i", type: "bool", usage: "Attach container's STDIN" },
  ],
  async run(context, names, flags) {
    if (flags.bool("attach") || flags.bool("interactive")) {
      if (names.length > 1) throw new StatusError(1, "you cannot start and attach multiple containers at once");
      return startAttached(context, names[0]!, flags.bool("interactive"), flags.optional("detach-keys"));
    }
    return forEachName(
      context,
      names,
      async (name) => (await context.api.text("POST", `${containerPath(name)}/start`), `${name}\n`),
      { summary: (failed) => `Error: failed to start containers: ${failed.join(", ")}` },
    );
  },
};

/** docker start -a [-i]: like the attached half of docker run, for a container that exists. */
async function startAttached(context: CommandContext, name: string, interactive: boolean, detachKeys: string | undefined): Promise<number> {
  const container = await context.api.json<{ Id: string; Config: { Tty?: boolean; OpenStdin?: boolean }; HostConfig?: { AutoRemove?: boolean } }>("GET", `${containerPath(name)}/json`);
  const stdin = interactive && Boolean(container.Config.OpenStdin);
  const tty = Boolean(container.Config.Tty);
  const { stream } = await context.api.hijack("POST", `${containerPath(container.Id)}/attach`, { query: { stream: true, stdin, stdout: true, stderr: true, detachKeys }, signal: context.signal });
  const exit = context.api.json<{ StatusCode: number }>("POST", `${containerPath(container.Id)}/wait`, { query: { condition: container.HostConfig?.AutoRemove ? "removed" : "next-exit" }, signal: context.signal });
  exit.catch(() => undefined);
  const streaming = streamHijacked(context.io, stream, { tty, stdin, detachKeys });
  try {
    await context.api.text("POST", `${containerPath(container.Id)}/start`);
  } catch (error) {
    stream.end();
    if (error instanceof DaemonError) throw new StatusError(startStatus(error.message), `${error.line}\nError: failed to start containers: ${name}`);
    throw error;
  }
  const resizing = tty ? followResize(context, `${containerPath(container.Id)}/resize`) : undefined;
  try {
    if ((await streaming) === "detached") return 0;
    return (await exit).StatusCode;
  } finally {
    resizing?.dispose();
  }
}
