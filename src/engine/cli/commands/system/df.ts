import type { ContainerSummary } from "../../../../shared/engine-api/containers";
import type { Verb } from "../../command";
import { renderRows } from "../../format/render";
import { humanSize } from "../../../../shared/human-size";

const TABLE = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";
const HEADERS = { Type: "TYPE", TotalCount: "TOTAL", Active: "ACTIVE", Size: "SIZE", Reclaimable: "RECLAIMABLE" };

/** "2.213MB (100%)": the reclaimable part and its share of the whole, as docker/cli computes it. */
function share(reclaimable: number, total: number): string {
  return total > 0 ? `${humanSize(reclaimable)} (${Math.floor((reclaimable * 100) / total)}%)` : humanSize(reclaimable);
}

export const df: Verb = {
  name: "df",
  usage: "[OPTIONS]",
  short: "Show docker disk usage",
  flags: [{ name: "format", type: "string", usage: "Format output using a custom template" }],
  async run(context, _args, flags) {
    const usage = await context.api.system.diskUsage();
    const images = usage.Images ?? [];
    const containers = usage.Containers ?? [];
    const volumes = usage.Volumes ?? [];
    const cache = usage.BuildCache ?? [];
    const layers = usage.LayersSize ?? 0;
    // An image in use holds its own layers; a shared size of -1 means unknown and counts nothing.
    const used = images.filter((i) => (i.Containers ?? 0) !== 0 && (i.SharedSize ?? 0) !== -1).reduce((n, i) => n + i.Size - (i.SharedSize ?? 0), 0);
    const active = (c: ContainerSummary) => /running|paused|restarting/.test(c.State);
    const rwTotal = containers.reduce((n, c) => n + (c.SizeRw ?? 0), 0);
    const rwIdle = containers.filter((c) => !active(c)).reduce((n, c) => n + (c.SizeRw ?? 0), 0);
    const volumeSize = volumes.reduce((n, v) => n + Math.max(0, v.UsageData?.Size ?? 0), 0);
    const volumeIdle = volumes.filter((v) => (v.UsageData?.RefCount ?? 0) === 0).reduce((n, v) => n + Math.max(0, v.UsageData?.Size ?? 0), 0);
    const cacheSize = cache.filter((b) => !b.Shared).reduce((n, b) => n + (b.Size ?? 0), 0);
    const cacheIdle = cache.filter((b) => !b.InUse && !b.Shared).reduce((n, b) => n + (b.Size ?? 0), 0);
    const rows = [
      { Type: "Images", TotalCount: String(images.length), Active: String(images.filter((i) => (i.Containers ?? 0) > 0).length), Size: humanSize(layers), Reclaimable: share(layers - used, layers) },
      { Type: "Containers", TotalCount: String(containers.length), Active: String(containers.filter(active).length), Size: humanSize(rwTotal), Reclaimable: share(rwIdle, rwTotal) },
      { Type: "Local Volumes", TotalCount: String(volumes.length), Active: String(volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length), Size: humanSize(volumeSize), Reclaimable: share(volumeIdle, volumeSize) },
      { Type: "Build Cache", TotalCount: String(cache.length), Active: String(cache.filter((b) => b.InUse).length), Size: humanSize(cacheSize), Reclaimable: humanSize(cacheIdle) },
    ];
    await context.out(renderRows(flags.string("format"), TABLE, HEADERS, rows));
    return 0;
  },
};
