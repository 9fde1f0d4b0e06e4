import { parseArgs } from "node:util";
import { PROMPT } from "../../shared/prompt";
import { daemonShell } from "../console-client";
import { dataRootOption, startDockerHost, takeDataRoot } from "../docker-host";
import { hostShell, type GuestShell } from "../guest-shell";

const LEAVE_KEY = 0x1d; // Ctrl-]
// Piped input has been run once the console is back at its prompt and has been quiet this long.
const SETTLE_MS = 300;

export const usage = `Usage: drydock shell [-c COMMAND] [--data-root DIR]

Attach this terminal to the Docker host's console (Ctrl-] leaves), or run COMMAND there, print
its output and exit with its status. \`docker\` works in it, as in the page's terminal. With
input from a pipe, the lines are typed into the console and the shell leaves once the guest is
back at its prompt.

One Docker host per data root: when a \`drydock daemon\` uses DIR, the shell is on that
daemon's guest (its containers and images; leaving does not stop it); otherwise the shell runs
the Docker host itself, keeping images and containers in DIR as the daemon does, until it
leaves.

Options:
  -c, --command COMMAND  run COMMAND, print its output, exit with its status
      --data-root DIR    the Docker host's data root (default ~/.local/share/drydock)`;

export async function shell(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { command: { type: "string", short: "c" }, "data-root": { type: "string" } } });
  const dataRoot = dataRootOption(values["data-root"]);
  const guest = (await daemonShell(dataRoot)) ?? hostShell(await startDockerHost(await takeDataRoot(dataRoot, "shell")));
  try {
    if (values.command !== undefined) return await guest.run(values.command, (bytes) => process.stdout.write(bytes));
    return await attach(guest);
  } finally {
    await guest.close();
  }
}

async function attach(guest: GuestShell): Promise<number> {
  const { stdin, stdout } = process;
  let lastOutput = 0;
  let typed = false;
  let answered = false;
  let left: (status: number) => void = () => {};
  const attachment = await guest.attach(
    (chunk) => {
      lastOutput = Date.now();
      answered = true;
      stdout.write(chunk);
    },
    () => {
      process.stderr.write("\r\ndrydock: the daemon stopped, and its console with it.\r\n");
      left(1);
    },
  );
  if (stdin.isTTY) {
    stdin.setRawMode(true);
    process.stderr.write(`drydock: attached to ${guest.attachedTo}; Ctrl-] leaves.\r\n`);
  }
  stdout.write(attachment.screen);
  const resize = () => guest.resize(stdout.columns, stdout.rows);
  if (stdout.isTTY) {
    // Before anything typed is read: a command typed at once (`stty size`) sees this size.
    await resize();
    stdout.on("resize", resize);
  }
  return new Promise((resolve) => {
    const done = (left = (status: number) => {
      attachment.dispose();
      stdout.off("resize", resize);
      stdin.off("data", onInput);
      if (stdin.isTTY) stdin.setRawMode(false);
      stdin.pause();
      resolve(status);
    });
    const onInput = (data: Buffer) => {
      const leave = data.indexOf(LEAVE_KEY);
      if (leave !== -1) {
        if (leave > 0) guest.write(data.subarray(0, leave));
        return done(0);
      }
      typed = true;
      answered = false;
      guest.write(data);
    };
    const settle = () => {
      if (!typed) return done(0);
      const timer = setInterval(() => {
        if (answered && Date.now() - lastOutput >= SETTLE_MS && PROMPT.test(guest.tail())) {
          clearInterval(timer);
          done(0);
        }
      }, 100);
    };
    stdin.on("data", onInput);
    stdin.once("end", () => (stdin.isTTY ? done(0) : settle()));
    stdin.resume();
  });
}
