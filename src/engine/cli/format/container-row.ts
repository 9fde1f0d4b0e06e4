import type { ContainerSummary } from "../../../shared/engine-api/containers";
import { goQuote } from "../../../shared/go-quote";
import { ago, ellipsis, goTime, shortId, withJson } from "./text";
import { humanSizeWithPrecision } from "../../../shared/human-size";
import { displayablePorts } from "../ports/displayable-ports";

export const CONTAINER_TABLE = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

export const CONTAINER_HEADERS: Record<string, string> = {
  ID: "CONTAINER ID",
  Image: "IMAGE",
  Command: "COMMAND",
  CreatedAt: "CREATED AT",
  RunningFor: "CREATED",
  Ports: "PORTS",
  State: "STATE",
  Status: "STATUS",
  Size: "SIZE",
  Names: "NAMES",
  Labels: "LABELS",
  Label: "LABEL",
  Mounts: "MOUNTS",
  Networks: "NETWORKS",
  LocalVolumes: "LOCAL VOLUMES",
};

/** One `docker ps` row: the fields --format templates name, as docker/cli's container context has them. */
export function containerRow(c: ContainerSummary, trunc: boolean, now: number): object {
  const labels = c.Labels ?? {};
  const row = {
    ID: trunc ? shortId(c.Id) : c.Id,
    Image: trunc && /^sha256:/.test(c.Image) ? shortId(c.Image) : c.Image || "<no image>",
    Command: goQuote(trunc ? ellipsis(c.Command, 20) : c.Command),
    CreatedAt: goTime(c.Created * 1000),
    RunningFor: ago(c.Created * 1000, now),
    Ports: displayablePorts(c.Ports ?? []),
    State: c.State,
    Status: c.Status,
    Size: size(c.SizeRw ?? 0, c.SizeRootFs ?? 0),
    // Docker hides link aliases ("/a/b") unless --no-trunc.
    Names: c.Names.map((n) => n.slice(1)).filter((n) => !trunc || !n.includes("/")).join(","),
    Labels: Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(","),
    Label: (name: string) => labels[name] ?? "",
    Mounts: (c.Mounts ?? []).map((m) => (trunc ? ellipsis(m.Name || m.Source || "", 15) : m.Name || m.Source || "")).join(","),
    Networks: Object.keys(c.NetworkSettings?.Networks ?? {}).sort().join(","),
    LocalVolumes: String((c.Mounts ?? []).filter((m) => m.Type === "volume").length),
  };
  return withJson(row, "*formatter.ContainerContext");
}

/** "12B (virtual 2.21MB)": the writable layer, and the whole root file system when known. */
function size(rw: number, rootFs: number): string {
  const writable = humanSizeWithPrecision(rw, 3);
  return rootFs > 0 ? `${writable} (virtual ${humanSizeWithPrecision(rootFs, 3)})` : writable;
}
