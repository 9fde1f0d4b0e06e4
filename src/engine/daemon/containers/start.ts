import { errorMessage, type DrydockError } from "../../../shared/errors";
import type { Container } from "../../container/container";
import { StartFailure, type BridgeEndpoint, type ExitStatus, type StartConfig } from "../../runtime/runtime";
import type { DaemonCore } from "../core";
import { alreadyRunning, markedForRemoval, startFailed } from "../errors";
import { startConfig } from "../runtime-config";
import { joinNetworks, leaveNetworks } from "./endpoint";
import { EMBEDDED_DNS, hostsFile, resolvConf } from "./etc-files";
import { forget } from "./remove";

/** `POST /containers/{id}/start`: a user's start, which resets what the restart policy counted. */
export async function start(core: DaemonCore, nameOrId: string): Promise<void> {
  const container = startable(core, nameOrId);
  container.startRequested();
  const failure = await launch(core, container);
  if (!failure) return;
  if (container.config.HostConfig?.AutoRemove) await forget(core, container);
  throw failure;
}

/** The restart policy's start (after its back-off, or when the daemon comes back); a failed one counts as an exit. */
export async function restartByPolicy(core: DaemonCore, container: Container): Promise<void> {
  startable(core, container.id);
  const failure = await launch(core, container);
  if (!failure) return;
  await settle(core, container);
  throw failure;
}

function startable(core: DaemonCore, nameOrId: string): Container {
  const container = core.containers.get(nameOrId);
  if (container.state.Running) throw alreadyRunning();
  if (container.state.Dead) throw markedForRemoval();
  core.restarts.cancel(container);
  return container;
}

/** Starts the first process and watches for its exit; a start the runtime refused comes back as the error to reply. */
function launch(core: DaemonCore, container: Container): Promise<DrydockError | undefined> {
  return container.changeNetworks(() => launchNow(core, container));
}

async function launchNow(core: DaemonCore, container: Container): Promise<DrydockError | undefined> {
  const image = await core.images.get(container.imageId);
  const joined = await joinNetworks(core, container);
  for (const { network, endpoint } of joined) container.endpoints.set(network, endpoint);
  const [first, ...more] = joined;
  try {
    if (first) container.ports = await core.ports.bind(container, first.endpoint.ipv4.split("/")[0]!, first.endpoint.endpointId);
    const process = await core.runtime.start(container.id, {
      ...startConfig(container, image),
      ...networkConfig(core, container, first?.runtime),
      ...(more.length ? { moreNetworks: more.map((joined) => joined.runtime) } : {}),
    });
    container.started(process);
    // As Docker's: each network the container joins tells of it, before the container's start.
    for (const { network, endpoint } of joined) core.events.emit("network", "connect", endpoint.networkId, { container: container.id, name: network, type: "bridge" });
    await core.repository.save(container);
    core.events.container(container, "start");
    void process.wait().then(
      (status) => onExit(core, container, status),
      (error: unknown) => onExit(core, container, undefined, errorMessage(error)),
    );
    return undefined;
  } catch (error) {
    await leaveNetworks(core, container, false);
    if (!(error instanceof StartFailure)) throw error;
    const failure = startFailed(error.exitCode, error.message);
    container.exited({ exitCode: error.exitCode, oomKilled: false }, failure.message);
    await core.repository.save(container);
    return failure;
  }
}

/** The start's network: its endpoint, and the /etc files Docker writes for it (the host's network keeps the guest's). */
function networkConfig(core: DaemonCore, container: Container, endpoint: BridgeEndpoint | undefined): Partial<StartConfig> {
  if (container.config.HostConfig?.NetworkMode === "host") return {};
  return {
    ...(endpoint ? { network: endpoint } : {}),
    hosts: hostsFile(core, container, endpoint?.address.split("/")[0]),
    resolvConf: resolvConf(endpoint?.resolver?.includes(EMBEDDED_DNS) ?? false),
  };
}

async function onExit(core: DaemonCore, container: Container, status: ExitStatus | undefined, error = ""): Promise<void> {
  container.exited(status, error);
  await core.repository.save(container).catch(() => undefined);
  core.events.container(container, "die", { exitCode: String(container.state.ExitCode) });
  await container.changeNetworks(() => leaveNetworks(core, container));
  await settle(core, container).catch(() => undefined);
}

/** After an exit: `--rm` removes the container, or its restart policy may start it again. */
async function settle(core: DaemonCore, container: Container): Promise<void> {
  if (container.config.HostConfig?.AutoRemove) await forget(core, container);
  else if (core.containers.has(container.id) && core.restarts.schedule(container)) void core.repository.save(container).catch(() => undefined);
}
