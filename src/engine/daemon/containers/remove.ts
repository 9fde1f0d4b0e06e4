import { leaveNetworks } from "./endpoint";
import { errorKind, errorMessage } from "../../../shared/errors";
import type { Container } from "../../container/container";
import type { DaemonCore } from "../core";
import { removalInProgress, removeRunning } from "../errors";
import { prunableContainers } from "../filters/container-filters";
import type { Filters } from "../filters/filters";

export interface RemoveOptions {
  /** Kill it first when it runs. */
  force: boolean;
}

/** `DELETE /containers/{id}`. */
export async function remove(core: DaemonCore, nameOrId: string, options: RemoveOptions): Promise<void> {
  const container = core.containers.get(nameOrId);
  if (container.state.Running) {
    if (!options.force) throw removeRunning(container.name);
    const exited = container.wait("next-exit");
    await core.runtime.kill(container.id, 9).catch(() => undefined);
    await exited;
  }
  await forget(core, container);
}

/** `POST /containers/prune`: the whole set chosen, every filter checked, before the first removal. */
export async function prune(core: DaemonCore, filters: Filters): Promise<{ removed: string[] }> {
  const prunable = prunableContainers(core.containers.list(), filters, Date.now());
  const removed: string[] = [];
  for (const container of prunable) {
    // One that cannot go now (started since) is left, as Docker skips a failed removal.
    const gone = await remove(core, container.id, { force: false }).then(() => true, () => false);
    if (gone) removed.push(container.id);
  }
  return { removed };
}

/**
 * The guest's part first, then the record: a container the runtime could not remove (a
 * process that would not die) stays listed, dead, as Docker keeps it, and `rm -f` tries again.
 */
export async function forget(core: DaemonCore, container: Container): Promise<void> {
  if (container.removalInProgress) throw removalInProgress(container.id);
  container.removalStarted();
  core.restarts.cancel(container);
  // Its endpoints go before it does (Docker's network disconnect comes before destroy).
  if (container.endpoints.size > 0) await leaveNetworks(core, container);
  try {
    await core.runtime.remove(container.id).catch((error: unknown) => {
      if (errorKind(error) !== "NotFound") throw error;
    });
  } catch (error) {
    container.died(errorMessage(error));
    await core.repository.save(container);
    throw error;
  } finally {
    container.removalEnded();
  }
  core.containers.delete(container.id);
  await core.repository.remove(container.id);
  container.removed();
  core.events.container(container, "destroy");
}
