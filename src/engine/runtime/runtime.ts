import type { Disposable } from "../../shared/disposable";
import { DrydockError } from "../../shared/errors";

/**
 * The container runtime the daemon drives (the runc + containerd-shim role): real Linux
 * containers in the guest, made by drydock-agent. Containers are named by the daemon's IDs.
 */
export interface Runtime {
  /** The root file system (an overlay of the layers) and the cgroup with its limits. */
  create(config: ContainerConfig): Promise<void>;
  /** The container's first process (PID 1 in its own namespaces). */
  start(id: string, config: StartConfig): Promise<RuntimeProcess>;
  /** Another process in a running container: its namespaces, its cgroup. */
  exec(id: string, config: ProcessConfig): Promise<RuntimeProcess>;
  /** A signal for the container's first process. */
  kill(id: string, signal: number): Promise<void>;
  /** SIGTERM (or `signal`), then SIGKILL when the first process outlives the timeout. */
  stop(id: string, options?: { timeoutSeconds?: number; signal?: number }): Promise<ExitStatus>;
  pause(id: string): Promise<void>;
  unpause(id: string): Promise<void>;
  top(id: string): Promise<ProcessEntry[]>;
  stats(id: string): Promise<ContainerStats>;
  /** The container's changes to its image as a layer tar (whiteouts for deletions). */
  diff(id: string): Promise<Uint8Array>;
  /** A TCP connection to an address in the guest, or in the container's network when `id`. */
  connect(address: string, port: number, id?: string): Promise<RuntimeConnection>;
  /** Kills what still runs and removes the root file system and the cgroup (and a bridge endpoint). */
  remove(id: string): Promise<void>;
  /**
   * Deletes a bridge device a start made (a network's, when the network is removed); its
   * address goes with it. A bridge that is not there is no error. Endpoints still on it are let
   * go: refusing to remove a network that has some is the daemon's part, as dockerd's.
   */
  removeBridge(name: string): Promise<void>;
  /**
   * A running container's endpoint on one more bridge network (`docker network connect`): the
   * device `ifname` (eth1 and on) with its address; the first network's default route stays.
   */
  addEndpoint(id: string, ifname: string, endpoint: BridgeEndpoint): Promise<void>;
  /** The endpoint of the container's device `ifname` deleted (`docker network disconnect`); none there is no error. */
  removeEndpoint(id: string, ifname: string): Promise<void>;
  /**
   * Docker's embedded DNS server: each query that reaches a container's resolver (a
   * BridgeEndpoint's `resolver` addresses) goes to `answer`, and what it returns goes back to
   * the asker; undefined sends nothing.
   */
  serveResolver(answer: ResolverAnswer): Disposable;
}

/** The answer to a DNS query a container sent to its resolver, or undefined for none. */
export type ResolverAnswer = (containerId: string, query: Uint8Array) => Promise<Uint8Array | undefined>;

export interface ContainerConfig {
  id: string;
  /** The image's layers by diff ID, bottom first; each already unpacked (LayerStore). */
  layers: readonly string[];
  resources?: Resources;
  /** Every device (no device rules on the cgroup), as `--privileged` gives. */
  privileged?: boolean;
  /** `--device`: HOST_PATH:CONTAINER_PATH:PERMISSIONS (r, w, m), a device node of the guest's. */
  devices?: readonly string[];
}

export interface Resources {
  /** memory.max in bytes (`-m`). */
  memoryBytes?: number;
  /** pids.max (`--pids-limit`). */
  pidsLimit?: number;
  /** CPU time per 100 ms period, in billionths of a CPU (`--cpus` × 1e9). */
  nanoCpus?: number;
  /** `--cpu-quota` µs of CPU per `--cpu-period` µs (-1: no limit). */
  cpuQuota?: number;
  cpuPeriod?: number;
  /** Relative weight (`--cpu-shares`, 2-262144, Docker's scale). */
  cpuShares?: number;
}

/**
 * What a process's arguments and environment may take together, in bytes: the guest's agent
 * takes a request of 256 KiB. (Linux itself would take about 2 MiB.)
 */
export const MAX_ARGS_AND_ENV = 200 * 1024;

export interface ProcessConfig {
  args: readonly string[];
  env?: readonly string[];
  /** Made when missing, as Docker does for WorkingDir. */
  cwd?: string;
  /** user[:group], by name (the container's /etc/passwd and /etc/group) or number. */
  user?: string;
  tty?: boolean;
  /** Keep stdin open for `write` (`-i`); otherwise it reads /dev/null. */
  stdin?: boolean;
  size?: { rows: number; cols: number };
  privileged?: boolean;
  /** The capabilities kept (CAP_ names) unless privileged; Docker's default set when absent. */
  capabilities?: readonly string[];
  noNewPrivileges?: boolean;
}

export interface StartConfig extends ProcessConfig {
  hostname?: string;
  /** "none": a network namespace with only lo; "host": the guest's own; else an endpoint on a bridge. */
  network?: "none" | "host" | BridgeEndpoint;
  /** Endpoints on more networks, made before the first process runs as eth1 and on (no default route). */
  moreNetworks?: readonly BridgeEndpoint[];
  readonlyRootfs?: boolean;
  /** /etc/hosts and /etc/resolv.conf as Docker writes them, bound over the image's; absent: a hosts file naming the container only, and no resolv.conf. */
  hosts?: string;
  resolvConf?: string;
}

/**
 * A container's endpoint on a bridge network: a veth pair whose host end is on `bridge` and
 * whose other end is the container's eth0, with its address and MAC and a default route via the
 * gateway. The bridge is made (with the gateway's address, up) by the first start that needs it.
 * Bridges are not routed to each other nor anywhere else (the guest's ip_forward is 0).
 */
export interface BridgeEndpoint {
  /** The bridge device in the guest, e.g. docker0 or br-<first 12 of the network's ID> (at most 15 characters). */
  bridge: string;
  /** The bridge's own address with the prefix length, e.g. 172.17.0.1/16. */
  gateway: string;
  /** The container's, with the prefix length, e.g. 172.17.0.2/16. */
  address: string;
  /** The container's MAC address, e.g. 02:42:ac:11:00:02 (Docker's, from the address). */
  mac: string;
  /** No default route (`docker network create --internal`). */
  internal?: boolean;
  /**
   * The addresses of the DNS server the container's resolv.conf names, at which the runtime
   * takes its queries (udp port 53 in the container's namespace) for serveResolver: 127.0.0.11
   * on a user-defined network; the default bridge's nameservers, which the offline guest has no
   * way to, so that a name fails at once there.
   */
  resolver?: readonly string[];
}

/**
 * A start or exec the runtime refused: the process never ran (a command that does not exist, a
 * directory). `exitCode` is what a shell would give for it (127, 126).
 */
export class StartFailure extends DrydockError {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super("InvalidParameter", message);
  }
}

export interface ExitStatus {
  /** As a shell reports it: the exit code, or 128 + the signal that killed it. */
  exitCode: number;
  signal?: number;
  oomKilled: boolean;
}

export type OutputStream = "stdout" | "stderr";
/** Output is taken one chunk at a time: return a promise to hold the process back until done. */
export type OutputListener = (stream: OutputStream, bytes: Uint8Array) => void | Promise<void>;

export interface RuntimeProcess {
  readonly pid: number;
  /** Output until `wait` resolves; what came before a listener was set is kept for it. */
  onOutput(listener: OutputListener): Disposable;
  /** Resolves once the guest has taken the bytes (so a writer cannot outrun the process). */
  write(bytes: Uint8Array): Promise<void>;
  closeStdin(): void;
  resize(rows: number, cols: number): Promise<void>;
  signal(signal: number): Promise<void>;
  /** The exit, after all of the output was delivered. */
  wait(): Promise<ExitStatus>;
}

export interface RuntimeConnection {
  onData(listener: (bytes: Uint8Array) => void | Promise<void>): Disposable;
  write(bytes: Uint8Array): Promise<void>;
  /** Half-closes: the other side reads end of file. */
  end(): void;
  /** Resolves when both directions are done. */
  closed(): Promise<void>;
}

export interface ProcessEntry {
  pid: number;
  ppid: number;
  uid: number;
  started: Date;
  /** 0 when the process has no terminal. */
  tty: number;
  cpuSeconds: number;
  command: string;
}

export interface ContainerStats {
  memory: { usage: number; limit: number | undefined; stats: Record<string, number>; oomKills: number };
  cpu: {
    usageMicros: number;
    userMicros: number;
    systemMicros: number;
    /** CPU time the whole guest has had since boot (Docker's system_cpu_usage). */
    hostMicros: number;
    onlineCpus: number;
    /** cpu.max at work (`--cpus`): periods, those in which the container was throttled, and for how long. */
    throttling: { periods: number; throttledPeriods: number; throttledMicros: number };
  };
  pids: { current: number; limit: number | undefined };
  networks: Record<string, { rxBytes: number; rxPackets: number; rxErrors: number; rxDropped: number; txBytes: number; txPackets: number; txErrors: number; txDropped: number }>;
}
