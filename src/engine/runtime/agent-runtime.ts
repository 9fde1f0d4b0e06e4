import type { Disposable } from "../../shared/disposable";
import { DrydockError } from "../../shared/errors";
import { StartRefused, type AgentChannel } from "../machine/agent-channel";
import type { AgentExit, AgentStarted, CgroupLimits, ProcessFields, StartNetwork } from "../machine/agent-protocol";
import { openForward } from "../machine/guest-dial";
import { AgentStream, OUTPUT_WINDOW } from "../machine/agent-stream";
import { GuestFiles } from "../machine/guest-files";
import type { LayerStore } from "../layer/layer-store";
import { capabilityMask } from "../container/capabilities";
import { containerStats, processEntries } from "./agent-reports";
import { stopSequence } from "./stop-sequence";
import {
  StartFailure,
  type BridgeEndpoint,
  type ContainerConfig,
  type ContainerStats,
  type ExitStatus,
  type OutputListener,
  type ProcessConfig,
  type ProcessEntry,
  type ResolverAnswer,
  type Resources,
  type Runtime,
  type RuntimeConnection,
  type RuntimeProcess,
  type StartConfig,
} from "./runtime";

const CPU_PERIOD_MICROS = 100_000;

/** The Runtime over drydock-agent in the guest. */
export class AgentRuntime implements Runtime {
  /** Each running container's first process: stop and kill wait on its exit. */
  private readonly running = new Map<string, AgentProcess>();
  private diffs = 0;

  constructor(
    private readonly agent: AgentChannel,
    private readonly layers: LayerStore,
    private readonly files: GuestFiles,
  ) {}

  async create(config: ContainerConfig): Promise<void> {
    await this.agent.request({
      op: "create",
      id: config.id,
      lower: await this.layers.lowerDirs(config.layers),
      privileged: config.privileged ?? false,
      device: config.devices ?? [],
      ...limits(config.resources ?? {}),
    });
  }

  async start(id: string, config: StartConfig): Promise<RuntimeProcess> {
    const process = await this.spawn((stream) =>
      this.agent.request({
        op: "start",
        id,
        ...processFields(stream, config),
        hostname: config.hostname,
        ...startNetwork(config.network, config.moreNetworks),
        readonly: config.readonlyRootfs,
        hosts: config.hosts,
        resolvConf: config.resolvConf,
      }),
    );
    this.running.set(id, process);
    void process.wait().then(
      () => this.forget(id, process),
      () => this.forget(id, process),
    );
    return process;
  }

  exec(id: string, config: ProcessConfig): Promise<RuntimeProcess> {
    return this.spawn((stream) => this.agent.request({ op: "exec", id, ...processFields(stream, config) }));
  }

  async kill(id: string, signal: number): Promise<void> {
    await this.agent.request({ op: "signal", id, signal });
  }

  async stop(id: string, options: { timeoutSeconds?: number; signal?: number } = {}): Promise<ExitStatus> {
    const process = this.running.get(id);
    if (!process) throw new DrydockError("Conflict", `container ${id} is not running`);
    return stopSequence(process.wait(), (signal) => this.kill(id, signal), options);
  }

  async pause(id: string): Promise<void> {
    await this.agent.request({ op: "pause", id });
  }

  async unpause(id: string): Promise<void> {
    await this.agent.request({ op: "unpause", id });
  }

  async top(id: string): Promise<ProcessEntry[]> {
    return processEntries(await this.agent.request({ op: "top", id }));
  }

  async stats(id: string): Promise<ContainerStats> {
    return containerStats(await this.agent.request({ op: "stats", id }));
  }

  async diff(id: string): Promise<Uint8Array> {
    const path = `run/diff-${id}-${++this.diffs}.tar`;
    // The agent writes the tar where the engine reads it; the directory is the engine's to make.
    this.files.makeDirectory("run");
    await this.agent.request({ op: "diff", id, path: GuestFiles.guestPath(path) }, 120_000);
    try {
      return await this.files.readFile(path);
    } finally {
      this.files.remove(path);
    }
  }

  async connect(address: string, port: number, id?: string): Promise<RuntimeConnection> {
    const stream = await openForward(this.agent, { address, port, id });
    return {
      onData: (listener) => stream.onOutput((_channel, bytes) => listener(bytes)),
      write: (bytes) => stream.write(bytes),
      end: () => stream.endInput(),
      closed: async () => void (await stream.exited()),
    };
  }

  async remove(id: string): Promise<void> {
    // The agent's helper deletes all the container wrote: as long as a diff of it may take.
    await this.agent.request({ op: "remove", id }, 120_000);
  }

  async removeBridge(name: string): Promise<void> {
    await this.agent.request({ op: "removeBridge", name });
  }

  async addEndpoint(id: string, ifname: string, endpoint: BridgeEndpoint): Promise<void> {
    const { bridge, gateway, address, mac, internal } = endpoint;
    await this.agent.request({ op: "addEndpoint", id, ifname, bridge, gateway, address, mac, internal: internal ?? false });
  }

  async removeEndpoint(id: string, ifname: string): Promise<void> {
    await this.agent.request({ op: "removeEndpoint", id, ifname });
  }

  serveResolver(answer: ResolverAnswer): Disposable {
    return this.agent.datagrams.on((query) => {
      void answer(query.container, query.data)
        .then((reply) => reply && this.agent.request({ op: "datagram", container: query.container, server: query.server, address: query.address, port: query.port, data: reply }))
        // A container gone meanwhile has no socket to answer from: its client is gone too.
        .catch(() => undefined);
    });
  }

  /** A process on a fresh stream: `ask` sends the start or exec request for it. */
  private async spawn(ask: (stream: number) => Promise<AgentStarted>): Promise<AgentProcess> {
    const stream = new AgentStream(this.agent);
    try {
      const { pid } = await ask(stream.id);
      return new AgentProcess(this.agent, stream, pid);
    } catch (error) {
      stream.abandon();
      throw error instanceof StartRefused ? new StartFailure(error.message, error.exitCode) : error;
    }
  }

  private forget(id: string, process: AgentProcess): void {
    if (this.running.get(id) === process) this.running.delete(id);
  }
}

class AgentProcess implements RuntimeProcess {
  private readonly exit: Promise<ExitStatus>;

  constructor(
    private readonly agent: AgentChannel,
    private readonly stream: AgentStream,
    readonly pid: number,
  ) {
    this.exit = stream.exited().then(exitStatus);
    this.exit.catch(() => undefined);
  }

  onOutput(listener: OutputListener): Disposable {
    return this.stream.onOutput((channel, bytes) => listener(channel === 2 ? "stderr" : "stdout", bytes));
  }

  write(bytes: Uint8Array): Promise<void> {
    return this.stream.write(bytes);
  }

  closeStdin(): void {
    this.stream.endInput();
  }

  async resize(rows: number, cols: number): Promise<void> {
    await this.agent.request({ op: "resize", stream: this.stream.id, rows, cols });
  }

  async signal(signal: number): Promise<void> {
    await this.agent.request({ op: "signal", stream: this.stream.id, signal });
  }

  wait(): Promise<ExitStatus> {
    return this.exit;
  }
}

/** The fields of a start or exec request that say what to run and how. */
function processFields(stream: number, config: ProcessConfig): ProcessFields {
  return {
    stream,
    arg: config.args,
    env: config.env ?? [],
    cwd: config.cwd,
    user: config.user,
    tty: config.tty ?? false,
    stdin: config.stdin ?? false,
    rows: config.size?.rows,
    cols: config.size?.cols,
    privileged: config.privileged ?? false,
    caps: config.capabilities ? capabilityMask(config.capabilities) : undefined,
    noNewPrivileges: config.noNewPrivileges ?? false,
    window: OUTPUT_WINDOW,
  };
}

function startNetwork(network: StartConfig["network"] = "none", more: readonly BridgeEndpoint[] = []): StartNetwork {
  if (typeof network === "string") return { network };
  const all = [network, ...more];
  return {
    network: "bridge",
    bridge: all.map((e) => e.bridge),
    gateway: all.map((e) => e.gateway),
    address: all.map((e) => e.address),
    mac: all.map((e) => e.mac),
    internal: all.map((e) => (e.internal ? 1 : 0)),
    resolver: network.resolver,
  };
}

function exitStatus({ code, signal, oomKilled }: AgentExit): ExitStatus {
  return { exitCode: code, ...(signal ? { signal } : {}), oomKilled };
}

function limits(resources: Resources): CgroupLimits {
  return {
    memory: resources.memoryBytes,
    pids: resources.pidsLimit,
    cpuMax: cpuMax(resources),
    // runc's mapping of cgroup v1 shares (2-262144) onto v2 weights (1-10000)
    cpuWeight: resources.cpuShares ? 1 + Math.floor(((resources.cpuShares - 2) * 9999) / 262142) : undefined,
  };
}

/** cgroup v2's cpu.max as runc writes it: "QUOTA PERIOD", "max PERIOD", or nothing to change. */
function cpuMax(resources: Resources): string | undefined {
  // --cpus is a quota per Docker's 100 ms period.
  const quota = resources.nanoCpus ? Math.round((resources.nanoCpus * CPU_PERIOD_MICROS) / 1e9) : resources.cpuQuota;
  const period = resources.nanoCpus ? CPU_PERIOD_MICROS : resources.cpuPeriod;
  if (!quota && !period) return undefined;
  return [quota && quota > 0 ? String(quota) : "max", ...(period ? [String(period)] : [])].join(" ");
}
