import { BUILD_PROGRESS_ID, type BuildMessage, type BuildProgress, type BuildVertex } from "../../../shared/engine-api/build";
import { humanSizeWithPrecision } from "../../../shared/human-size";
import { ResponseBody } from "../../http/response-body";

/** One vertex of a build as the view lists it, in BuildKit's words where it has them. */
export interface BuildStep {
  digest: number;
  /** `[2/4] RUN echo hi`, `[internal] load build context`, `exporting to image`. */
  name: string;
  result: "CACHED" | "ran" | "failed" | "running";
  /** From its start to its end as BuildKit prints it (`0.3s`); empty while it runs. */
  time: string;
  /** The layer the step made, in Docker's sizes (`2.05kB`); empty for a step that makes none. */
  size: string;
  error?: string;
}

/**
 * A build's steps from its response as it streams in: the daemon's JSON lines, of which the
 * `drydock.build` ones carry BuildKit-like vertices, each message saying what changed.
 */
export class BuildSteps {
  private readonly body = new ResponseBody();
  private readonly decoder = new TextDecoder();
  /** The last line, until its end comes. */
  private partial = "";
  private readonly vertices = new Map<number, BuildVertex>();

  /** Whether the steps changed. */
  push(bytes: Uint8Array): boolean {
    let text = this.partial;
    for (const part of this.body.push(bytes)) text += this.decoder.decode(part, { stream: true });
    const lines = text.split("\n");
    this.partial = lines.pop()!;
    let changed = false;
    for (const line of lines) {
      for (const vertex of progressIn(line)?.vertexes ?? []) {
        this.vertices.set(vertex.digest, { ...this.vertices.get(vertex.digest), ...vertex });
        changed = true;
      }
    }
    return changed;
  }

  /** In the order they started. */
  get steps(): BuildStep[] {
    return [...this.vertices.values()].map(stepOf);
  }
}

function progressIn(line: string): BuildProgress | undefined {
  if (!line.trim()) return undefined;
  let message: BuildMessage;
  try {
    message = JSON.parse(line) as BuildMessage;
  } catch {
    // Bytes off a connection: a line that is not JSON lists no step.
    return undefined;
  }
  return message.id === BUILD_PROGRESS_ID ? (message.aux as BuildProgress) : undefined;
}

function stepOf(vertex: BuildVertex): BuildStep {
  const ended = vertex.completed !== undefined;
  const result = vertex.cached ? "CACHED" : vertex.error !== undefined ? "failed" : ended ? "ran" : "running";
  const time = ended && vertex.started !== undefined ? `${((vertex.completed! - vertex.started) / 1000).toFixed(1)}s` : "";
  const size = vertex.size === undefined ? "" : humanSizeWithPrecision(vertex.size, 3);
  return { digest: vertex.digest, name: vertex.name, result, time, size, ...(vertex.error !== undefined ? { error: vertex.error } : {}) };
}
