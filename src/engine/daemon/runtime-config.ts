import type { ContainerCreateBody } from "../../shared/engine-api/containers";
import { capabilitySet } from "../container/capabilities";
import type { Container } from "../container/container";
import type { ExecConfig } from "../../shared/engine-api/exec";
import type { ImageRecord } from "../image/image-store";
import { MAX_ARGS_AND_ENV, type ContainerConfig, type ProcessConfig, type Resources, type StartConfig } from "../runtime/runtime";
import { argsTooLong, noCommand } from "./errors";

// What the runtime is told for a container and its processes: the container's settings over
// the image's, as Docker merges them.

/** What the runtime enforces for a container from the moment it is created. */
export function runtimeLimits(body: ContainerCreateBody): Pick<ContainerConfig, "resources" | "privileged" | "devices"> {
  const host = body.HostConfig ?? {};
  const resources: Resources = {
    memoryBytes: host.Memory || undefined,
    pidsLimit: host.PidsLimit && host.PidsLimit > 0 ? host.PidsLimit : undefined,
    nanoCpus: host.NanoCpus || undefined,
    cpuQuota: host.CpuQuota || undefined,
    cpuPeriod: host.CpuPeriod || undefined,
    cpuShares: host.CpuShares || undefined,
  };
  const devices = (host.Devices ?? []).map((d) => `${d.PathOnHost ?? ""}:${d.PathInContainer || d.PathOnHost || ""}:${d.CgroupPermissions || "rwm"}`);
  return { resources, privileged: host.Privileged ?? false, devices };
}

/** Entrypoint + Cmd, the container's over the image's. */
export function command(body: ContainerCreateBody, image: ImageRecord): { path: string; args: string[] } {
  const list = (value: string[] | string | null | undefined) => (value === undefined || value === null ? undefined : typeof value === "string" ? [value] : value);
  const entrypoint = list(body.Entrypoint) ?? list(image.config.config?.Entrypoint) ?? [];
  const cmd = list(body.Cmd) ?? (list(body.Entrypoint) ? [] : (list(image.config.config?.Cmd) ?? []));
  const all = [...entrypoint, ...cmd];
  if (all.length === 0) throw noCommand();
  return { path: all[0]!, args: all.slice(1) };
}

/** The container's first process. */
export function startConfig(container: Container, image: ImageRecord): StartConfig {
  const config = container.config;
  const host = config.HostConfig ?? {};
  return {
    args: [container.path, ...container.args],
    env: mergeEnv(image.config.config?.Env ?? [], config.Env ?? []),
    cwd: config.WorkingDir || image.config.config?.WorkingDir || "/",
    user: config.User || image.config.config?.User || undefined,
    tty: config.Tty ?? false,
    stdin: config.OpenStdin ?? false,
    size: config.Tty && host.ConsoleSize?.[0] ? { rows: host.ConsoleSize[0], cols: host.ConsoleSize[1] } : undefined,
    hostname: config.Hostname || container.id.slice(0, 12),
    network: host.NetworkMode === "host" ? "host" : "none",
    readonlyRootfs: host.ReadonlyRootfs ?? false,
    privileged: host.Privileged ?? false,
    capabilities: capabilitySet(host.CapAdd ?? [], host.CapDrop ?? []),
  };
}

/** An exec's process: its settings over the container's over the image's; stdin only for an attached client. */
export function execProcessConfig(exec: ExecConfig, container: Container, image: ImageRecord, client: { attached: boolean; size: readonly [number, number] | null | undefined }): ProcessConfig {
  const { attached, size } = client;
  const host = container.config.HostConfig ?? {};
  return {
    args: exec.Cmd ?? [],
    env: mergeEnv(mergeEnv(image.config.config?.Env ?? [], container.config.Env ?? []), exec.Env ?? []),
    cwd: exec.WorkingDir || container.config.WorkingDir || image.config.config?.WorkingDir || "/",
    user: exec.User || container.config.User || image.config.config?.User || undefined,
    tty: exec.Tty ?? false,
    stdin: (exec.AttachStdin ?? false) && attached,
    size: size ? { rows: size[0], cols: size[1] } : undefined,
    privileged: (exec.Privileged ?? false) || (host.Privileged ?? false),
    capabilities: capabilitySet(host.CapAdd ?? [], host.CapDrop ?? []),
  };
}

/** The environment a create is checked with: the image's with the container's on top. */
export function createEnv(body: ContainerCreateBody, image: ImageRecord): string[] {
  return mergeEnv(image.config.config?.Env ?? [], body.Env ?? []);
}

/** Refused at create, before anything is made, rather than failing every start. */
export function checkArgsAndEnv(args: readonly string[], env: readonly string[]): void {
  const encoder = new TextEncoder();
  const bytes = [...args, ...env].reduce((sum, text) => sum + encoder.encode(text).length + 1, 0);
  if (bytes > MAX_ARGS_AND_ENV) throw argsTooLong(bytes);
}

/** `base` with `extra` on top (same name replaced). */
function mergeEnv(base: string[], extra: string[]): string[] {
  const out = new Map<string, string>();
  for (const entry of [...base, ...extra]) out.set(entry.split("=")[0]!, entry);
  return [...out.values()];
}
