import type { Verb } from "../../command";
import { StatusError } from "../../errors";
import { streamHijacked } from "../../streams/hijack-session";
import { followResize } from "../../streams/resize";
import { proxySignals } from "../../streams/signal-proxy";
import { containerPath } from "./each";

interface Inspected {
  Id: string;
  State: { Running: boolean; Paused: boolean; Restarting: boolean };
  Config: { Tty?: boolean; OpenStdin?: boolean };
}

export const attach: Verb = {
  name: "attach",
  usage: "[OPTIONS] CONTAINER",
  short: "Attach local standard input, output, and error streams to a running container",
  args: { min: 1, max: 1 },
  flags: [
    { name: "detach-keys", type: "string", usage: "Override the key sequence for detaching a container" },
    { name: "no-stdin", type: "bool", usage: "Do not attach STDIN" },
    { name: "sig-proxy", type: "bool", usage: "Proxy all received signals to the process", default: true },
  ],
  async run(context, [name], flags) {
    const container = await context.api.json<Inspected>("GET", `${containerPath(name!)}/json`);
    if (!container.State.Running) throw new StatusError(1, "You cannot attach to a stopped container, start it first");
    if (container.State.Paused) throw new StatusError(1, "You cannot attach to a paused container, unpause it first");
    const tty = Boolean(container.Config.Tty);
    const stdin = !flags.bool("no-stdin") && Boolean(container.Config.OpenStdin);
    const detachKeys = flags.optional("detach-keys");
    const { stream } = await context.api.hijack("POST", `${containerPath(container.Id)}/attach`, { query: { stream: true, stdin, stdout: true, stderr: true, detachKeys }, signal: context.signal });
    const exit = context.api.json<{ StatusCode: number }>("POST", `${containerPath(container.Id)}/wait`, { signal: context.signal });
    exit.catch(() => undefined);
    const resizing = tty ? followResize(context, `${containerPath(container.Id)}/resize`) : undefined;
    const proxy = flags.bool("sig-proxy") && !tty ? proxySignals(context, container.Id) : undefined;
    try {
      if ((await streamHijacked(context.io, stream, { tty, stdin, detachKeys })) === "detached") return 0;
      return (await exit).StatusCode;
    } finally {
      resizing?.dispose();
      proxy?.dispose();
    }
  },
};
