import { errorMessage } from "../../../shared/errors";
import { Container } from "../../container/container";
import { randomName } from "../../container/names";
import { unpackLayers, type DaemonCore } from "../core";
import { restoreFailed } from "../errors";
import { runtimeLimits } from "../runtime-config";
import { restartByPolicy } from "./start";

/** What a restore brought back: how many containers, and how many of those it found running and left exited. */
export interface RestoreSummary {
  containers: number;
  stopped: number;
}

/**
 * Containers from the repository (a daemon restart). Their VM is new: each gets a fresh root
 * file system from its image, and one that was running is exited (255), as Docker reports a
 * container whose daemon went away.
 */
export async function restore(core: DaemonCore): Promise<RestoreSummary> {
  const summary = { containers: 0, stopped: 0 };
  const records = await core.repository.load();
  // Stores written before removals were made durable may hold two records of one name: the
  // newest keeps it (the container the user made last), an older one gets a fresh name.
  const holders = new Map(records.map((record) => [record.name, record.id]));
  for (const record of records) {
    if (core.containers.has(record.id)) continue;
    const image = await core.images.find(record.imageId);
    if (!image) continue;
    const name = holders.get(record.name) === record.id ? record.name : `/${randomName((n) => core.containers.taken(n) || holders.has(`/${n}`))}`;
    const history = { state: record.state, restartCount: record.restartCount ?? 0, manuallyStopped: record.manuallyStopped ?? false };
    const container = new Container(record.id, name, record.created, record.imageId, record.config, record.path, record.args, history);
    if (record.state.Running || record.state.Restarting) container.lostWithDaemon();
    core.containers.add(container);
    summary.containers++;
    try {
      await unpackLayers(core, image);
      await core.runtime.create({ id: record.id, layers: image.config.rootfs.diff_ids, ...runtimeLimits(record.config) });
    } catch (error) {
      // One container the new VM cannot make (a setting an older Drydock took without using)
      // must not keep the daemon from starting: it stays, dead, as Docker keeps one it could not restore.
      container.died(restoreFailed(errorMessage(error)));
      await core.repository.save(container);
      continue;
    }
    await core.repository.save(container);
    // always, and unless-stopped when nobody stopped it, come back with the daemon.
    const policy = record.config.HostConfig?.RestartPolicy?.Name;
    if ((policy === "always" || policy === "unless-stopped") && !container.manuallyStopped) await restartByPolicy(core, container).catch(() => undefined);
    if ((record.state.Running || record.state.Restarting) && !container.state.Running) summary.stopped++;
  }
  return summary;
}
