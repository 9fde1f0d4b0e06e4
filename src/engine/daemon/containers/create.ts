import type { ContainerCreateBody } from "../../../shared/engine-api/containers";
import { DrydockError } from "../../../shared/errors";
import { Container } from "../../container/container";
import { validateRestartPolicy } from "../../container/restart-policy";
import { checkedName } from "../container-store";
import { unpackLayers, type DaemonCore } from "../core";
import { emptyConfig } from "../errors";
import type { NetworkRecord } from "../networks/network-record";
import { withImagePorts } from "./ports";
import { checkArgsAndEnv, command, createEnv, runtimeLimits } from "../runtime-config";

/** `POST /containers/create`: the container's root file system and cgroup made, its record kept. */
export async function create(core: DaemonCore, body: ContainerCreateBody, requestedName: string | undefined): Promise<{ Id: string; Warnings: string[] }> {
  if (!body.Image) throw emptyConfig();
  checkPorts(body);
  const name = core.containers.nameFor(requestedName);
  const id = core.newId();
  core.containers.reserve(name, id);
  try {
    const image = await core.images.get(body.Image);
    const network = await checkNetwork(core, body);
    const links = linksOf(core, body.HostConfig?.Links ?? [], name);
    validateRestartPolicy(body.HostConfig ?? {});
    const { path, args } = command(body, image);
    checkArgsAndEnv([path, ...args], createEnv(body, image));
    await unpackLayers(core, image);
    await core.runtime.create({ id, layers: image.config.rootfs.diff_ids, ...runtimeLimits(body) });
    // The image's STOPSIGNAL is the container's unless it names its own, as Docker merges it at create.
    const stopSignal = body.StopSignal || image.config.config?.StopSignal;
    const exposed = withImagePorts(body.ExposedPorts, image);
    const config = { ...body, Image: body.Image, ...(stopSignal ? { StopSignal: stopSignal } : {}), ...(exposed ? { ExposedPorts: exposed } : {}) };
    if (links.length) config.HostConfig = { ...config.HostConfig, Links: links };
    // Kept under the network's name, whatever the user named it by (an ID, a prefix), as moby keys
    // NetworkSettings.Networks: connect, disconnect, inspect and names find it there.
    if (network) config.NetworkingConfig = { EndpointsConfig: { [network.name]: body.NetworkingConfig?.EndpointsConfig?.[body.HostConfig!.NetworkMode!] ?? {} } };
    const container = new Container(id, `/${name}`, new Date().toISOString(), image.id, config, path, args);
    core.containers.add(container);
    await core.repository.save(container);
    core.events.container(container, "create");
    // Docker keeps the bindings in HostConfig but warns that the host's own stack has no use for them.
    const warnings = body.HostConfig?.NetworkMode === "host" && Object.keys(body.HostConfig.PortBindings ?? {}).length ? ["Published ports are discarded when using host network mode"] : [];
    return { Id: id, Warnings: warnings };
  } finally {
    core.containers.release(name);
  }
}

/**
 * A user-defined network must exist, and be a bridge (the only kind Drydock's networks are); an
 * address asked for needs a subnet the user gave, as moby's validateEndpointSettings says.
 */
async function checkNetwork(core: DaemonCore, body: ContainerCreateBody): Promise<NetworkRecord | undefined> {
  const mode = body.HostConfig?.NetworkMode;
  if (!mode || ["bridge", "host", "none"].includes(mode)) return undefined;
  const network = await core.networks.inspect(mode);
  const asked = body.NetworkingConfig?.EndpointsConfig?.[mode]?.IPAMConfig?.IPv4Address;
  if (asked && !network.subnetGiven) throw new DrydockError("InvalidParameter", "user specified IP address is supported only when connecting to networks with user configured subnets");
  return network;
}

/**
 * --link NAME[:ALIAS] as Docker keeps it, "/NAME:/CONTAINER/ALIAS", NAME the linked container's
 * name now (an ID given is looked up); it must exist. A missing one is a bad parameter, as in
 * moby: a 404 would have the CLI pull the image and try again.
 */
function linksOf(core: DaemonCore, links: readonly string[], name: string): string[] {
  return links.map((link) => {
    const [target = "", alias = target] = link.split(":");
    let linked;
    try {
      linked = core.containers.get(target);
    } catch (error) {
      throw new DrydockError("InvalidParameter", `could not get container for ${target}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return `${linked.name}:/${name}/${alias}`;
  });
}

/** `POST /containers/{id}/rename`. */
export async function rename(core: DaemonCore, nameOrId: string, newName: string): Promise<void> {
  const container = core.containers.get(nameOrId);
  const name = checkedName(newName);
  core.containers.assertFree(name);
  const oldName = container.name;
  container.renamed(`/${name}`);
  await core.repository.save(container);
  core.events.container(container, "rename", { oldName });
}

/** Ports as nat.ParsePortSpec reads them ("80", "80/tcp", host ports "8080" or "8000-8010"); Drydock forwards TCP only yet. */
function checkPorts(body: ContainerCreateBody): void {
  const ports = [...Object.keys(body.ExposedPorts ?? {}), ...Object.keys(body.HostConfig?.PortBindings ?? {})];
  for (const port of ports) {
    const [number = "", proto = "tcp"] = port.split("/");
    if (!/^\d+(-\d+)?$/.test(number) || number.split("-").some((p) => Number(p) > 65535)) throw invalidPort(port);
    if (proto !== "tcp") throw new DrydockError("NotImplemented", `Drydock forwards TCP ports only yet: ${port} is not supported`);
  }
  for (const bindings of Object.values(body.HostConfig?.PortBindings ?? {})) {
    for (const binding of bindings ?? []) {
      const hostPort = binding.HostPort ?? "";
      if (hostPort !== "" && (!/^\d+(-\d+)?$/.test(hostPort) || hostPort.split("-").some((p) => Number(p) > 65535))) throw invalidPort(hostPort);
      if (binding.HostIp && !/^[\d.]+$/.test(binding.HostIp) && !binding.HostIp.includes(":")) throw new DrydockError("InvalidParameter", `invalid IP address: ${binding.HostIp}`);
    }
  }
}

const invalidPort = (port: string) => new DrydockError("InvalidParameter", `invalid port specification: "${port}"`);
