import type { DaemonCore } from "../core";
import { alreadyPaused, notPaused, notRunning } from "../errors";

/** `POST /containers/{id}/pause`: every process frozen (the cgroup freezer). */
export async function pause(core: DaemonCore, nameOrId: string): Promise<void> {
  const container = core.containers.get(nameOrId);
  if (!container.state.Running) throw notRunning(container.id);
  if (container.state.Paused) throw alreadyPaused(container.id);
  await core.runtime.pause(container.id);
  container.paused();
  await core.repository.save(container);
  core.events.container(container, "pause");
}

/** `POST /containers/{id}/unpause`. */
export async function unpause(core: DaemonCore, nameOrId: string): Promise<void> {
  const container = core.containers.get(nameOrId);
  if (!container.state.Paused) throw notPaused(container.id);
  await core.runtime.unpause(container.id);
  container.unpaused();
  await core.repository.save(container);
  core.events.container(container, "unpause");
}
