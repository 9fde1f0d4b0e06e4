import type { HostConfig } from "../../../shared/engine-api/containers";
import { DrydockError } from "../../../shared/errors";
import { validateRestartPolicy } from "../../container/restart-policy";
import { parseSignal } from "../../container/signals";
import { normalizeCapabilities } from "../../container/capabilities";
import { goQuote } from "../../../shared/go-quote";

/** A create body as the Go decoder leaves it: only the fields it named, in their Go types. */
export interface DecodedCreate {
  Hostname?: string;
  WorkingDir?: string;
  StopSignal?: string;
  Env?: string[] | null;
  HostConfig?: DecodedHostConfig | null;
  NetworkingConfig?: { EndpointsConfig?: Record<string, Record<string, unknown> | null> | null } | null;
  [field: string]: unknown;
}

/** HostConfig with the fields only the checks read (Docker's Windows and real-time ones). */
export interface DecodedHostConfig extends HostConfig {
  Isolation?: string;
  IOMaximumBandwidth?: number;
  IOMaximumIOps?: number;
  CpuRealtimePeriod?: number;
  CpuRealtimeRuntime?: number;
  [field: string]: unknown;
}

/** moby's linuxMinMemory: 6 MB, for what a container needs to start at all. */
const MIN_MEMORY = 6 * 1024 * 1024;
/** v86 emulates one CPU; /info says NCPU 1. */
const CPUS = 1;
/** The kernel's bounds for cpu.shares, which runc maps onto cgroup v2's cpu.weight (1-10000). */
const MIN_CPU_SHARES = 2;
const MAX_CPU_SHARES = 262144;
/** Linux's HOST_NAME_MAX. */
const MAX_HOSTNAME_BYTES = 64;

const invalid = (message: string) => new DrydockError("InvalidParameter", message);

/**
 * The checks moby's runconfig makes while decoding a create body (validateIsolation,
 * validateQoS, validateResources), before it even looks for the config: each refuses what
 * Docker on Linux always refuses, in Docker's words.
 */
export function checkWhileDecoding(host: DecodedHostConfig): void {
  const isolation = host.Isolation ?? "";
  if (isolation !== "" && isolation.toLowerCase() !== "default") throw invalid(`Invalid isolation: ${goQuote(isolation)} - linux only supports 'default'`);
  if (host.IOMaximumBandwidth) throw invalid("Invalid QoS settings: linux does not support configuration of maximum bandwidth");
  if (host.IOMaximumIOps) throw invalid("Invalid QoS settings: linux does not support configuration of maximum IOPs");
  // The guest's kernel has no real-time group scheduling (CONFIG_RT_GROUP_SCHED).
  if (host.CpuRealtimePeriod || host.CpuRealtimeRuntime) throw invalid("Your kernel does not support CPU real-time scheduler");
}

/**
 * The checks moby's daemon makes before it creates a container (verifyContainerSettings:
 * validateContainerConfig, validateHostConfig, verifyPlatformContainerSettings), in its order
 * and words, on the fields Drydock acts on.
 */
export function checkSettings(body: DecodedCreate): void {
  if (body.WorkingDir && !body.WorkingDir.startsWith("/")) throw invalid(`the working directory '${body.WorkingDir}' is invalid, it needs to be an absolute path`);
  if (body.StopSignal && !isSignal(body.StopSignal)) throw invalid(`invalid signal: ${body.StopSignal}`);
  for (const entry of body.Env ?? []) {
    if (entry.split("=")[0] === "") throw invalid(`invalid environment variable: ${entry}`);
  }
  const host = body.HostConfig ?? {};
  validateRestartPolicy({ RestartPolicy: host.RestartPolicy, AutoRemove: host.AutoRemove });
  normalizeCapabilities(host.CapAdd ?? [], "CapAdd");
  normalizeCapabilities(host.CapDrop ?? [], "CapDrop");
  // Docker 29.7 refuses this at create; before, runc failed at start (sethostname: invalid argument).
  const hostname = body.Hostname ?? "";
  if (new TextEncoder().encode(hostname).length > MAX_HOSTNAME_BYTES) throw invalid(`hostname ${goQuote(hostname)} is too long (maximum ${MAX_HOSTNAME_BYTES} bytes)`);
  checkResources(host);
  checkDevices(host.Devices ?? []);
}

/** verifyPlatformContainerResources, for memory and CPU. */
function checkResources(host: DecodedHostConfig): void {
  const memory = host.Memory ?? 0;
  const swap = host.MemorySwap ?? 0;
  if (memory !== 0 && memory < MIN_MEMORY) throw invalid("Minimum memory limit allowed is 6MB");
  if (memory > 0 && swap > 0 && swap < memory) throw invalid("Minimum memoryswap limit should be larger than memory limit, see usage");
  if (memory === 0 && swap > 0) throw invalid("You should always set the Memory limit when using Memoryswap limit, see usage");
  const nanoCpus = host.NanoCpus ?? 0;
  const period = host.CpuPeriod ?? 0;
  const quota = host.CpuQuota ?? 0;
  if (nanoCpus > 0 && period > 0) throw invalid("Conflicting options: Nano CPUs and CPU Period cannot both be set");
  if (nanoCpus > 0 && quota > 0) throw invalid("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
  if (nanoCpus < 0 || nanoCpus > CPUS * 1e9) throw invalid(`range of CPUs is from 0.01 to ${CPUS}.00, as there are only ${CPUS} CPUs available`);
  // Docker finds bad shares only when the cgroup is written, at start (a negative number in its
  // own words; 1 and too many when runc's cpu.weight is out of range); Drydock writes it at create.
  const shares = host.CpuShares ?? 0;
  if (shares < 0) throw invalid("shares: invalid argument");
  if (shares === 1 || shares > MAX_CPU_SHARES) throw invalid(`range of CPUShares is from ${MIN_CPU_SHARES} to ${MAX_CPU_SHARES}`);
  if (period !== 0 && (period < 1000 || period > 1000000)) throw invalid("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
  if (quota > 0 && quota < 1000) throw invalid("CPU cfs quota can not be less than 1ms (i.e. 1000)");
}

/**
 * --device's PATH[:PATH[:rwm]] as HostConfig.Devices entries. Docker's daemon takes them as
 * they come and fails at start; the docker CLI refuses a bad one first, in these words.
 */
function checkDevices(devices: NonNullable<DecodedHostConfig["Devices"]>): void {
  // As the runtime fills them in: the container's path is the host's, the permissions all three.
  for (const { PathOnHost = "", PathInContainer = "", CgroupPermissions = "" } of devices) {
    const spec = [PathOnHost, PathInContainer, CgroupPermissions].join(":");
    if (PathOnHost === "" || `${PathOnHost}${PathInContainer}`.includes(":")) throw invalid(`bad format for path: ${spec}`);
    if (CgroupPermissions !== "" && !isDeviceMode(CgroupPermissions)) throw invalid(`bad mode specified: ${CgroupPermissions}`);
    for (const path of [PathOnHost, PathInContainer || PathOnHost]) {
      if (!path.startsWith("/")) throw invalid(`${path} is not an absolute path`);
    }
  }
}

/** r, w and m, each at most once, at least one. */
function isDeviceMode(mode: string): boolean {
  return mode !== "" && [...mode].every((c, i) => "rwm".includes(c) && mode.indexOf(c) === i);
}

/** moby/sys/signal's ParseSignal: a number but 0, or a name with or without SIG. */
function isSignal(text: string): boolean {
  try {
    parseSignal(text);
    return true;
  } catch {
    return false;
  }
}
