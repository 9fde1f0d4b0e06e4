import { AsyncQueue } from "../../shared/async-queue";
import type { Disposable } from "../../shared/disposable";
import { DrydockError } from "../../shared/errors";
import {
  StartFailure,
  type BridgeEndpoint,
  type ContainerConfig,
  type ContainerStats,
  type ExitStatus,
  type OutputListener,
  type OutputStream,
  type ProcessConfig,
  type ProcessEntry,
  type ResolverAnswer,
  type Runtime,
  type RuntimeConnection,
  type RuntimeProcess,
  type StartConfig,
} from "./runtime";
import { stopSequence } from "./stop-sequence";

// An in-memory Runtime for tests: no VM, no agent. Containers run "programs" (functions named
// like the commands they stand for) that print, read stdin, exit with a code, or die of a
// signal, so the daemon's logic (restart back-off, removal, logs, events) runs in milliseconds.

const SIGKILL = 9;
/** Signals whose default action does not end a process (CHLD, CONT, STOP, TSTP, TTIN, TTOU, URG, WINCH). */
const HARMLESS = new Set([17, 18, 19, 20, 21, 22, 23, 28]);
/** /dev/pts/0 as the kernel numbers it (major 136). */
const PTS_0 = 136 << 8;
/** What each live process counts for in a container's memory. */
const PROCESS_MEMORY = 1024 * 1024;

/** A fake process as its program sees it. */
export interface FakeProcessContext {
  readonly args: readonly string[];
  readonly env: readonly string[];
  readonly tty: boolean;
  /** Aborted once the process has ended (its program returned, or a signal killed it). */
  readonly ended: AbortSignal;
  /** The terminal's size, as created or last resized. */
  size(): { rows: number; cols: number } | undefined;
  /** Resolves once the output has been taken (a slow reader holds the program back). */
  stdout(data: string | Uint8Array): Promise<void>;
  stderr(data: string | Uint8Array): Promise<void>;
  /** Stdin's bytes as they come, until it is closed (at once without `-i`). */
  stdin(): AsyncIterable<Uint8Array>;
  /** From now on signals come here instead of ending the process (SIGKILL still ends it). */
  trap(handler: (signal: number) => void): void;
}

/** What a fake command does: returns its exit code (nothing is 0). */
export type FakeProgram = (process: FakeProcessContext) => number | void | Promise<number | void>;

/** A few of busybox's commands, enough for most tests; tests add their own. */
export const FAKE_COMMANDS: Readonly<Record<string, FakeProgram>> = {
  true: () => 0,
  false: () => 1,
  echo: (p) => p.stdout(p.args.slice(1).join(" ") + "\n"),
  cat: async (p) => {
    for await (const bytes of p.stdin()) await p.stdout(bytes);
  },
  /** `sleep N`: N seconds (on the test's clock), or until a signal ends it. */
  sleep: (p) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Number(p.args[1] ?? 0) * 1000);
      p.ended.addEventListener("abort", () => clearTimeout(timer));
    }),
};

interface FakeContainer {
  config: ContainerConfig;
  first: FakeProcess | undefined;
  /** The running first process's start (its network's endpoint goes when it exits). */
  started?: StartConfig;
  added: Map<string, BridgeEndpoint>;
  processes: Set<FakeProcess>;
  paused: boolean;
}

export class FakeRuntime implements Runtime {
  private readonly containers = new Map<string, FakeContainer>();
  /** Bridge devices made by starts and not yet removed, with the gateway address each was made with. */
  private readonly bridgeDevices = new Map<string, string>();
  private readonly programs: Record<string, FakeProgram>;
  private nextPid = 100;
  private resolverAnswer: ResolverAnswer | undefined;

  constructor(programs: Record<string, FakeProgram> = {}) {
    this.programs = { ...FAKE_COMMANDS, ...programs };
  }

  /** The containers made and not yet removed. */
  ids(): string[] {
    return [...this.containers.keys()];
  }

  /** The bridge devices starts made and removeBridge has not removed: name → gateway. */
  bridges(): ReadonlyMap<string, string> {
    return this.bridgeDevices;
  }

  /** The endpoints networks connected to a running container added: device → endpoint. */
  added(id: string): ReadonlyMap<string, BridgeEndpoint> {
    return this.containers.get(id)?.added ?? new Map();
  }

  async addEndpoint(id: string, ifname: string, endpoint: BridgeEndpoint): Promise<void> {
    const container = this.running(id);
    if (container.added.has(ifname)) throw new DrydockError("InvalidParameter", `failed to set up container networking: ${ifname} exists`);
    if (!this.bridgeDevices.has(endpoint.bridge)) this.bridgeDevices.set(endpoint.bridge, endpoint.gateway);
    container.added.set(ifname, endpoint);
  }

  async removeEndpoint(id: string, ifname: string): Promise<void> {
    this.containers.get(id)?.added.delete(ifname);
  }

  /** The network a container's running first process was started with. */
  network(id: string): StartConfig["network"] {
    return this.containers.get(id)?.started?.network;
  }

  /** The /etc files a container's running first process was started with. */
  etcFiles(id: string): { hosts?: string; resolvConf?: string } {
    const started = this.containers.get(id)?.started;
    return { hosts: started?.hosts, resolvConf: started?.resolvConf };
  }

  /** A DNS query as a container with a resolver sends it to 127.0.0.11:53; the daemon's answer. */
  async resolve(id: string, query: Uint8Array): Promise<Uint8Array | undefined> {
    const network = this.network(id);
    if (typeof network !== "object" || !network.resolver?.length) throw new DrydockError("Conflict", `container ${id} has no resolver`);
    return this.resolverAnswer?.(id, query);
  }

  serveResolver(answer: ResolverAnswer): Disposable {
    this.resolverAnswer = answer;
    return { dispose: () => (this.resolverAnswer = undefined) };
  }

  async create(config: ContainerConfig): Promise<void> {
    if (this.containers.has(config.id)) throw new DrydockError("Conflict", `container ${config.id} exists`);
    this.containers.set(config.id, { config, first: undefined, processes: new Set(), paused: false, added: new Map() });
  }

  async start(id: string, config: StartConfig): Promise<RuntimeProcess> {
    const container = this.container(id);
    if (container.first) throw new DrydockError("Conflict", `container ${id} is running`);
    const network = config.network;
    if (typeof network === "object" && !this.bridgeDevices.has(network.bridge)) this.bridgeDevices.set(network.bridge, network.gateway);
    const process = this.spawn(container, config);
    container.first = process;
    container.started = { ...config, network: network ?? "none" };
    for (const [i, more] of (config.moreNetworks ?? []).entries()) await this.addEndpoint(id, `eth${i + 1}`, more);
    void process.wait().then(() => {
      container.first = undefined;
      container.started = undefined;
      container.added.clear();
      // The namespace's init is gone: so is everything else in it.
      for (const other of container.processes) other.signal(SIGKILL);
    });
    return process;
  }

  async exec(id: string, config: ProcessConfig): Promise<RuntimeProcess> {
    return this.spawn(this.running(id), config);
  }

  async kill(id: string, signal: number): Promise<void> {
    this.running(id).first!.signal(signal);
  }

  async stop(id: string, options: { timeoutSeconds?: number; signal?: number } = {}): Promise<ExitStatus> {
    const process = this.running(id).first!;
    return stopSequence(process.wait(), (signal) => process.signal(signal), options);
  }

  async pause(id: string): Promise<void> {
    const container = this.running(id);
    container.paused = true;
    for (const process of container.processes) process.freeze();
  }

  async unpause(id: string): Promise<void> {
    const container = this.container(id);
    container.paused = false;
    for (const process of container.processes) process.thaw();
  }

  async top(id: string): Promise<ProcessEntry[]> {
    return [...this.running(id).processes].map((process) => process.entry());
  }

  async stats(id: string): Promise<ContainerStats> {
    const container = this.running(id);
    const live = container.processes.size;
    const zeros = { rxBytes: 0, rxPackets: 0, rxErrors: 0, rxDropped: 0, txBytes: 0, txPackets: 0, txErrors: 0, txDropped: 0 };
    return {
      memory: { usage: live * PROCESS_MEMORY, limit: container.config.resources?.memoryBytes, stats: {}, oomKills: 0 },
      cpu: { usageMicros: 0, userMicros: 0, systemMicros: 0, hostMicros: 0, onlineCpus: 1, throttling: { periods: 0, throttledPeriods: 0, throttledMicros: 0 } },
      pids: { current: live, limit: container.config.resources?.pidsLimit },
      networks: { lo: zeros },
    };
  }

  /** No file system: the container changed nothing (an empty tar). */
  async diff(id: string): Promise<Uint8Array> {
    this.container(id);
    return new Uint8Array(1024);
  }

  async connect(address: string, port: number): Promise<RuntimeConnection> {
    throw new DrydockError("Unavailable", `dial tcp ${address}:${port}: the fake runtime has no network`);
  }

  async remove(id: string): Promise<void> {
    const container = this.container(id);
    const ended = [...container.processes].map((process) => process.wait());
    for (const process of container.processes) process.signal(SIGKILL);
    await Promise.all(ended);
    this.containers.delete(id);
  }

  async removeBridge(name: string): Promise<void> {
    this.bridgeDevices.delete(name);
  }

  private spawn(container: FakeContainer, config: ProcessConfig): FakeProcess {
    const name = config.args[0] ?? "";
    const program = this.programs[name] ?? this.programs[name.slice(name.lastIndexOf("/") + 1)];
    if (!program) throw new StartFailure(`exec: "${name}": executable file not found in $PATH`, 127);
    const process = new FakeProcess(this.nextPid++, config);
    container.processes.add(process);
    if (container.paused) process.freeze();
    void process.wait().then(() => container.processes.delete(process));
    process.run(program);
    return process;
  }

  private container(id: string): FakeContainer {
    const container = this.containers.get(id);
    if (!container) throw new DrydockError("NotFound", `no container ${id}`);
    return container;
  }

  private running(id: string): FakeContainer {
    const container = this.container(id);
    if (!container.first) throw new DrydockError("Conflict", `container ${id} is not running`);
    return container;
  }
}

class FakeProcess implements RuntimeProcess {
  private readonly started = new Date();
  private readonly done = new AbortController();
  private readonly input = new AsyncQueue<Uint8Array>();
  private listener: OutputListener | undefined;
  private unread: [OutputStream, Uint8Array][] = [];
  private delivered: Promise<void> = Promise.resolve();
  private trapped: ((signal: number) => void) | undefined;
  private frozen = false;
  private held: number[] = [];
  private size: { rows: number; cols: number } | undefined;
  private status: ExitStatus | undefined;
  private readonly exit: Promise<ExitStatus>;
  private settle!: (status: ExitStatus) => void;

  constructor(
    readonly pid: number,
    private readonly config: ProcessConfig,
  ) {
    this.size = config.size;
    this.exit = new Promise((resolve) => (this.settle = resolve));
    if (!config.stdin) this.input.close();
  }

  /** The program runs once the caller has the process (as a real one starts after the reply). */
  run(program: FakeProgram): void {
    const encoder = new TextEncoder();
    const bytes = (data: string | Uint8Array) => (typeof data === "string" ? encoder.encode(data) : data);
    const context: FakeProcessContext = {
      args: this.config.args,
      env: this.config.env ?? [],
      tty: this.config.tty ?? false,
      ended: this.done.signal,
      size: () => this.size,
      stdout: (data) => this.emit("stdout", bytes(data)),
      // With a tty both streams are the terminal's.
      stderr: (data) => this.emit(this.config.tty ? "stdout" : "stderr", bytes(data)),
      stdin: () => this.input.drain(),
      trap: (handler) => (this.trapped = handler),
    };
    void Promise.resolve()
      .then(() => program(context))
      .then(
        (code) => this.end({ exitCode: code ?? 0, oomKilled: false }),
        async (error: unknown) => {
          await this.emit("stderr", bytes(`${error instanceof Error ? error.message : String(error)}\n`));
          this.end({ exitCode: 1, oomKilled: false });
        },
      );
  }

  onOutput(listener: OutputListener): Disposable {
    this.listener = listener;
    for (const [stream, bytes] of this.unread.splice(0)) void this.deliver(stream, bytes);
    return { dispose: () => this.listener === listener && (this.listener = undefined) };
  }

  async write(bytes: Uint8Array): Promise<void> {
    this.input.push(bytes);
  }

  closeStdin(): void {
    this.input.close();
  }

  async resize(rows: number, cols: number): Promise<void> {
    this.size = { rows, cols };
  }

  async signal(signal: number): Promise<void> {
    if (this.status) return;
    if (signal === SIGKILL) return this.end({ exitCode: 128 + SIGKILL, signal: SIGKILL, oomKilled: false });
    // A frozen cgroup takes signals when it thaws.
    if (this.frozen) return void this.held.push(signal);
    if (this.trapped) return this.trapped(signal);
    if (!HARMLESS.has(signal)) this.end({ exitCode: 128 + signal, signal, oomKilled: false });
  }

  wait(): Promise<ExitStatus> {
    return this.exit;
  }

  freeze(): void {
    this.frozen = true;
  }

  thaw(): void {
    this.frozen = false;
    for (const signal of this.held.splice(0)) void this.signal(signal);
  }

  entry(): ProcessEntry {
    const uid = Number(/^(\d+)/.exec(this.config.user ?? "")?.[1] ?? 0);
    return { pid: this.pid, ppid: 0, uid, started: this.started, tty: this.config.tty ? PTS_0 : 0, cpuSeconds: 0, command: this.config.args.join(" ") };
  }

  private emit(stream: OutputStream, bytes: Uint8Array): Promise<void> {
    if (this.status) return Promise.resolve();
    if (!this.listener) {
      this.unread.push([stream, bytes]);
      return Promise.resolve();
    }
    return this.deliver(stream, bytes);
  }

  /** One chunk after another, each once the listener has taken the one before. */
  private deliver(stream: OutputStream, bytes: Uint8Array): Promise<void> {
    this.delivered = this.delivered.then(() => this.listener?.(stream, bytes)).catch(() => undefined);
    return this.delivered;
  }

  /** The exit, once all of the output was delivered. */
  private end(status: ExitStatus): void {
    if (this.status) return;
    this.status = status;
    this.input.close();
    this.done.abort();
    void this.delivered.then(() => this.settle(status));
  }
}
