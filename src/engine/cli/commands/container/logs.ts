import type { Verb } from "../../command";
import { StdcopyReader } from "../../streams/stdcopy";
import { timestampQuery } from "../timestamps";

export const logs: Verb = {
  name: "logs",
  usage: "[OPTIONS] CONTAINER",
  short: "Fetch the logs of a container",
  args: { min: 1, max: 1 },
  flags: [
    { name: "details", type: "bool", usage: "Show extra details provided to logs" },
    { name: "follow", short: "f", type: "bool", usage: "Follow log output" },
    { name: "since", type: "string", usage: 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
    { name: "tail", short: "n", type: "string", usage: "Number of lines to show from the end of the logs", default: "all" },
    { name: "timestamps", short: "t", type: "bool", usage: "Show timestamps" },
    { name: "until", type: "string", usage: 'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
  ],
  async run(context, [name], flags) {
    // A tty container's log is one raw stream; others are multiplexed.
    const container = await context.api.containers.inspect(name!);
    const now = context.now();
    const { chunks } = await context.api.containers.logs(name!, {
      follow: flags.bool("follow"),
      since: timestampQuery(flags.optional("since"), now),
      until: timestampQuery(flags.optional("until"), now),
      timestamps: flags.bool("timestamps"),
      details: flags.bool("details"),
      tail: flags.string("tail"),
      signal: context.signal,
    });
    const demux = container.Config.Tty ? undefined : new StdcopyReader();
    for await (const chunk of chunks) {
      for (const frame of demux ? demux.push(chunk) : [{ stream: 1, payload: chunk }]) {
        await (frame.stream === 2 ? context.io.stderr : context.io.stdout).write(frame.payload);
      }
    }
    return 0;
  },
};
