// Help and usage as Docker prints them: the expected texts are what the docker CLI 28 prints
// for verbs whose flags Drydock has all of.
import { describe, expect, it } from "vitest";
import { stop } from "./commands/container/stop";
import { logs } from "./commands/container/logs";
import { GROUPS } from "./commands/index";
import { groupHelp, verbHelp } from "./help";

describe("help", () => {
  it("prints docker context --help as Docker does, but for the verbs Drydock lacks (export, import)", () => {
    expect(groupHelp("docker context", GROUPS.find((group) => group.name === "context")!)).toBe(`Usage:  docker context COMMAND

Manage contexts

Commands:
  create      Create a context
  inspect     Display detailed information on one or more contexts
  ls          List contexts
  rm          Remove one or more contexts
  show        Print the name of the current context
  update      Update a context
  use         Set the current docker context

Run 'docker context COMMAND --help' for more information on a command.
`);
  });

  it("prints docker stop --help as Docker does", () => {
    expect(verbHelp("docker stop", stop, ["docker container stop", "docker stop"], 80)).toBe(`Usage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]

Stop one or more running containers

Aliases:
  docker container stop, docker stop

Options:
  -s, --signal string   Signal to send to the container
  -t, --timeout int     Seconds to wait before killing the container
`);
  });

  it("wraps long usages to the terminal's width, defaults quoted", () => {
    expect(verbHelp("docker logs", logs, ["docker container logs", "docker logs"], 80)).toBe(`Usage:  docker logs [OPTIONS] CONTAINER

Fetch the logs of a container

Aliases:
  docker container logs, docker logs

Options:
      --details        Show extra details provided to logs
  -f, --follow         Follow log output
      --since string   Show logs since timestamp (e.g.
                       "2013-01-02T13:23:37Z") or relative (e.g. "42m"
                       for 42 minutes)
  -n, --tail string    Number of lines to show from the end of the logs
                       (default "all")
  -t, --timestamps     Show timestamps
      --until string   Show logs before a timestamp (e.g.
                       "2013-01-02T13:23:37Z") or relative (e.g. "42m"
                       for 42 minutes)
`);
  });
});
