import type { Verb } from "../../command";
import { StatusError } from "../../errors";
import { streamHijacked } from "../../streams/hijack-session";
import { followResize } from "../../streams/resize";

export const exec: Verb = {
  name: "exec",
  usage: "[OPTIONS] CONTAINER COMMAND [ARG...]",
  short: "Execute a command in a running container",
  args: { min: 2 },
  interspersed: false,
  flags: [
    { name: "detach", short: "d", type: "bool", usage: "Detached mode: run command in the background" },
    { name: "detach-keys", type: "string", usage: "Override the key sequence for detaching a container" },
    { name: "env", short: "e", type: "list", usage: "Set environment variables" },
    { name: "interactive", short: "i", type: "bool", usage: "Keep STDIN open even if not attached" },
    { name: "privileged", type: "bool", usage: "Give extended privileges to the command" },
    { name: "tty", short: "t", type: "bool", usage: "Allocate a pseudo-TTY" },
    { name: "user", short: "u", type: "string", usage: "Username or UID (format: \"<name|uid>[:<group|gid>]\")" },
    { name: "workdir", short: "w", type: "string", usage: "Working directory inside the container" },
  ],
  async run(context, [name, ...command], flags) {
    const detach = flags.bool("detach");
    const stdin = flags.bool("interactive") && !detach;
    const tty = flags.bool("tty");
    if (tty && stdin && !context.io.stdin.isTty) throw new StatusError(1, "the input device is not a TTY");
    const env = flags.list("env").flatMap((entry) => (entry.includes("=") ? [entry] : context.io.env[entry] === undefined ? [] : [`${entry}=${context.io.env[entry]}`]));
    const { Id: id } = await context.api.exec.create(name!, {
      User: flags.string("user"),
      Privileged: flags.bool("privileged"),
      Tty: tty,
      AttachStdin: stdin,
      AttachStdout: !detach,
      AttachStderr: !detach,
      DetachKeys: flags.string("detach-keys"),
      Env: env,
      WorkingDir: flags.string("workdir"),
      Cmd: command,
    });
    if (detach) {
      await context.api.exec.startDetached(id, { tty });
      return 0;
    }
    const stream = await context.api.exec.startAttached(id, { tty, signal: context.signal });
    const resizing = tty ? followResize(context, (size) => context.api.exec.resize(id, size)) : undefined;
    try {
      if ((await streamHijacked(context.io, stream, { tty, stdin, detachKeys: flags.optional("detach-keys") })) === "detached") return 0;
    } finally {
      resizing?.dispose();
    }
    const inspected = await context.api.exec.inspect(id);
    return inspected.ExitCode ?? 0;
  },
};
