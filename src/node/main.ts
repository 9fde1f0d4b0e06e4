import { errorMessage } from "../shared/errors";
import * as daemonCommand from "./commands/daemon";
import * as dockerCommand from "./commands/docker";
import * as shellCommand from "./commands/shell";
import * as snapshotCommand from "./commands/snapshot";

const COMMANDS: Record<string, { usage: string; run: (argv: string[]) => Promise<number> }> = {
  daemon: { usage: daemonCommand.usage, run: daemonCommand.daemon },
  docker: { usage: dockerCommand.usage, run: dockerCommand.docker },
  shell: { usage: shellCommand.usage, run: shellCommand.shell },
  snapshot: { usage: snapshotCommand.usage, run: snapshotCommand.snapshot },
};

const HELP = `Usage: drydock COMMAND

Docker for learning: a real i686 Linux Docker host in v86.

Commands:
  daemon      Serve the Docker Engine API on a socket, for the docker CLI and SDKs
  docker      Drydock's docker CLI, against that daemon (or DOCKER_HOST)
  shell       Attach to the Docker host's console (the VM with its daemon), or run a command there (-c)
  snapshot    Save the booted guest VM so it starts in well under a second

Run 'drydock COMMAND --help' for more information on a command.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(HELP);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`drydock: '${name}' is not a drydock command.\nSee 'drydock --help'.`);
    return 1;
  }
  // docker has a help of its own for every verb.
  if (name !== "docker" && (rest.includes("--help") || rest.includes("-h"))) {
    console.log(command.usage);
    return 0;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`drydock: ${errorMessage(error)}`);
    process.exit(1);
  },
);
