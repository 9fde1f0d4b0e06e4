import { errorKind } from "../../../shared/errors";
import { parseSignal } from "../../container/signals";
import type { DaemonCore } from "../core";
import { alreadyStopped, cannotKill, notRunning } from "../errors";
import { start } from "./start";

export interface StopOptions {
  /** Seconds between the stop signal and SIGKILL; the container's StopTimeout (or 10) when absent. */
  timeoutSeconds?: number;
  /** The container's StopSignal (or SIGTERM) when absent. */
  signal?: string;
}

/** `POST /containers/{id}/stop`: a stop during the restart back-off leaves it exited. */
export async function stop(core: DaemonCore, nameOrId: string, options: StopOptions): Promise<void> {
  const container = core.containers.get(nameOrId);
  container.stopRequested();
  if (core.restarts.cancel(container)) {
    container.restartCancelled();
    await core.repository.save(container);
    return;
  }
  if (!container.state.Running) throw alreadyStopped();
  const exited = container.wait("next-exit");
  const signal = options.signal || container.config.StopSignal;
  await core.runtime.stop(container.id, { timeoutSeconds: options.timeoutSeconds ?? container.config.StopTimeout ?? 10, signal: signal ? parseSignal(signal) : undefined });
  await exited;
}

/** `POST /containers/{id}/restart`: a stop (none needed is fine), then a user's start. */
export async function restart(core: DaemonCore, nameOrId: string, options: StopOptions): Promise<void> {
  await stop(core, nameOrId, options).catch((error: unknown) => {
    if (errorKind(error) !== "NotModified") throw error;
  });
  await start(core, nameOrId);
}

/** `POST /containers/{id}/kill`: SIGKILL (waiting for the exit) or the signal given. */
export async function kill(core: DaemonCore, nameOrId: string, signal: string): Promise<void> {
  const container = core.containers.get(nameOrId);
  const number = parseSignal(signal || "KILL");
  if (!container.state.Running) throw cannotKill(nameOrId, notRunning(container.id));
  const exited = number === 9 ? container.wait("next-exit") : undefined;
  container.stopRequested();
  await core.runtime.kill(container.id, number);
  core.events.container(container, "kill", { signal: String(number) });
  await exited;
}
