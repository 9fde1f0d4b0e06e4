import { DrydockError } from "../../../shared/errors";
import type { ImageRecord } from "../../image/image-store";
import { StartFailure, type ExitStatus, type Resources } from "../../runtime/runtime";
import { unpackLayers, type DaemonCore } from "../core";

export interface RunStep {
  image: ImageRecord;
  args: string[];
  env: string[];
  cwd: string;
  user: string | undefined;
  signal: AbortSignal;
  /** Told the build container's ID before it starts (` ---> Running in ...`). */
  onContainer(id: string): void;
  onOutput(stream: 1 | 2, bytes: Uint8Array): void;
}

export interface RunResult {
  exit: ExitStatus;
  /** The container's changes as a layer tar, when it exited 0. */
  layer?: Uint8Array;
  containerId: string;
}

/** Memory a build step may take, of the guest's: a step that eats more fails alone, the VM stays. */
const MEMORY_SHARE = 0.5;
/** Processes a build step may have at once: a fork bomb fails the step, not the VM. */
const PIDS_LIMIT = 512;

/**
 * A RUN in a container of its own on the VM (the runtime `docker run` uses): its output as it
 * comes, then its file changes as a layer. The container is removed whatever happens, a client
 * that went away included (the process is killed), so a build leaves no container behind.
 */
export async function runStep(core: DaemonCore, step: RunStep): Promise<RunResult> {
  await unpackLayers(core, step.image);
  const id = core.newId();
  const resources: Resources = { pidsLimit: PIDS_LIMIT, ...(core.host.memTotal > 0 ? { memoryBytes: Math.floor(core.host.memTotal * MEMORY_SHARE) } : {}) };
  await core.runtime.create({ id, layers: step.image.config.rootfs.diff_ids, resources });
  try {
    step.onContainer(id);
    if (step.signal.aborted) throw cancelled();
    let exit: ExitStatus;
    try {
      const process = await core.runtime.start(id, { args: step.args, env: step.env, cwd: step.cwd, user: step.user, hostname: id.slice(0, 12), network: "none" });
      const kill = () => void process.signal(9).catch(() => undefined);
      step.signal.addEventListener("abort", kill);
      // The client may have gone while the process was starting: no event will come for that.
      if (step.signal.aborted) kill();
      try {
        process.onOutput((stream, bytes) => step.onOutput(stream === "stderr" ? 2 : 1, bytes));
        exit = await process.wait();
      } finally {
        step.signal.removeEventListener("abort", kill);
      }
    } catch (error) {
      if (!(error instanceof StartFailure)) throw error;
      step.onOutput(2, new TextEncoder().encode(`${error.message}\n`));
      exit = { exitCode: error.exitCode, oomKilled: false };
    }
    if (step.signal.aborted) throw cancelled();
    if (exit.exitCode !== 0) return { exit, containerId: id };
    return { exit, layer: await core.runtime.diff(id), containerId: id };
  } finally {
    await core.runtime.remove(id).catch(() => undefined);
  }
}

export function cancelled(): DrydockError {
  return new DrydockError("Unavailable", "the build was cancelled: the client went away");
}
