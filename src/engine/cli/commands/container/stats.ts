import type { ContainerStatsResponse } from "../../../../shared/engine-api/containers";
import { TABLE_FORMAT_FLAG } from "../format-flag";
import type { CommandContext, Verb } from "../../command";
import { DaemonError } from "../../../client/errors";
import { StatusError } from "../../errors";
import { renderRows } from "../../format/render";
import { statsRow, STATS_HEADERS, STATS_TABLE } from "../../format/stats-row";

export const stats: Verb = {
  name: "stats",
  usage: "[OPTIONS] [CONTAINER...]",
  short: "Display a live stream of container(s) resource usage statistics",
  args: { min: 0 },
  flags: [
    { name: "all", short: "a", type: "bool", usage: "Show all containers (default shows just running)" },
    TABLE_FORMAT_FLAG,
    { name: "no-stream", type: "bool", usage: "Disable streaming stats and only pull the first result" },
    { name: "no-trunc", type: "bool", usage: "Do not truncate output" },
  ],
  async run(context, names, flags) {
    const ids = names.length ? names : (await context.api.containers.list({ all: flags.bool("all") })).map((c) => c.Id);
    const trunc = !flags.bool("no-trunc");
    const format = flags.string("format");
    const draw = (samples: (ContainerStatsResponse | undefined)[]) =>
      renderRows(format, STATS_TABLE, STATS_HEADERS, samples.flatMap((sample, i) => (sample ? [statsRow(sample, names[i] ?? sample.id, trunc)] : [])));
    if (flags.bool("no-stream")) {
      const samples = await Promise.all(ids.map((id) => sampleOnce(context, id)));
      await context.out(draw(samples));
      return 0;
    }
    return streamStats(context, ids, draw);
  },
};

async function sampleOnce(context: CommandContext, id: string): Promise<ContainerStatsResponse> {
  try {
    return await context.api.containers.stats(id);
  } catch (error) {
    if (error instanceof DaemonError) throw new StatusError(1, error.line);
    throw error;
  }
}

/** The live view: every container's stream read as it comes, the table redrawn each second. */
async function streamStats(context: CommandContext, ids: string[], draw: (samples: (ContainerStatsResponse | undefined)[]) => string): Promise<number> {
  const latest: (ContainerStatsResponse | undefined)[] = ids.map(() => undefined);
  const readers = ids.map(async (id, i) => {
    for await (const sample of context.api.containers.statsStream(id, context.signal)) latest[i] = sample;
  });
  const clear = context.io.stdout.isTty ? "\x1b[2J\x1b[H" : "";
  const timer = setInterval(() => void context.out(clear + draw(latest)), 1000);
  try {
    await Promise.all(readers);
    await context.out(clear + draw(latest));
  } finally {
    clearInterval(timer);
  }
  return 0;
}
