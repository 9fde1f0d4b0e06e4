import type { ContainerSummary } from "../../../shared/engine-api/containers";
import type { ImageHistoryResponseItem, ImageSummary } from "../../../shared/engine-api/images";
import { humanSizeWithPrecision } from "../../../shared/human-size";
import { StdcopyReader } from "../../docker-client-over-worker";
import { portLabel } from "../../preview/published-ports";

export interface ContainerView {
  id: string;
  name: string;
  image: string;
  running: boolean;
  /** A word for the state, so it is not told by colour alone. */
  state: string;
  /** Docker's own line: "Up 3 minutes", "Exited (0) 5 seconds ago". */
  status: string;
  /** Each port as Docker Desktop shows it; a published one of a running container links to its preview. */
  ports: { label: string; hostPort?: number }[];
}

export interface ImageView {
  id: string;
  shortId: string;
  name: string;
  /** The other tags of the same image. */
  alsoTagged: string[];
  size: string;
}

/** One entry of an image's history: a layer, or an instruction that changed only the config (0B). */
export interface LayerView {
  /** The instruction that made it, as Docker Desktop shows it: `CMD ["sh"]`, `/bin/sh -c echo hi`. */
  instruction: string;
  size: string;
}

export function containerView(c: ContainerSummary): ContainerView {
  const ports = [...(c.Ports ?? [])]
    .sort((a, b) => a.PrivatePort - b.PrivatePort)
    .map((p) => ({ label: portLabel(p, "→"), ...(p.PublicPort && p.Type === "tcp" && c.State === "running" ? { hostPort: p.PublicPort } : {}) }));
  const state = c.State.charAt(0).toUpperCase() + c.State.slice(1);
  // "Exited (0) 5 minutes ago" already says the state the row shows as a word before it.
  const status = c.Status.startsWith(`${state} `) ? c.Status.slice(state.length + 1) : c.Status;
  return { id: c.Id, name: (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, ""), image: c.Image, running: c.State === "running" || c.State === "paused", state, status, ports };
}

export function imageView(image: ImageSummary): ImageView {
  const tags = (image.RepoTags ?? []).filter((tag) => tag !== "<none>:<none>");
  const shortId = image.Id.replace(/^sha256:/, "").slice(0, 12);
  return { id: image.Id, shortId, name: tags[0] ?? "<none>", alsoTagged: tags.slice(1), size: humanSizeWithPrecision(image.Size, 3) };
}

// The classic builder's record of an instruction that ran no command (`#(nop)  CMD ["sh"]`,
// `#(nop) COPY file:... in /`): the shell that would have run it is noise beside the instruction.
const NO_COMMAND = /^\/bin\/sh -c #\(nop\)\s+/;

/** An image's history as Docker Desktop lists its layers: newest first, as the API gives them. */
export function layerViews(history: ImageHistoryResponseItem[]): LayerView[] {
  return history.map((entry) => ({ instruction: entry.CreatedBy.replace(NO_COMMAND, "").trim(), size: humanSizeWithPrecision(entry.Size, 3) }));
}

/** The log of a container as text: a multiplexed body's frames (no tty) joined, a raw one as it is. */
export function logText(body: Uint8Array, multiplexed: boolean): string {
  const decoder = new TextDecoder();
  if (!multiplexed) return decoder.decode(body);
  return new StdcopyReader()
    .push(body)
    .map((frame) => decoder.decode(frame.payload, { stream: true }))
    .join("") + decoder.decode();
}
