/**
 * drydock-agent's operations: what each request carries and what its reply reads as, and the
 * records the agent sends unasked (a process's exit, a connection accepted; its unasked hello
 * says only, by coming, that a new agent runs). A request's fields are its record's keys, so it
 * is encoded as it stands (agent-record.ts); guest/agent/requests.c dispatches the same ops from
 * its table. A new op is an entry in AgentOps and its reply's reader in `replies`.
 */
import { AgentRecord, encodeRecord } from "./agent-record";

/** A process the agent starts: its command, its stdio on one of the engine's streams, its privileges. */
export type ProcessFields = {
  stream: number;
  arg: readonly string[];
  env?: readonly string[];
  cwd?: string;
  /** user[:group], by name or number. */
  user?: string;
  tty?: boolean;
  /** Stdin open for the engine's data; otherwise it reads /dev/null. */
  stdin?: boolean;
  rows?: number;
  cols?: number;
  privileged?: boolean;
  /** The capabilities kept, as a hexadecimal mask (bit n: capability n); Docker's defaults without it. */
  caps?: string;
  noNewPrivileges?: boolean;
  /** Output bytes the engine takes before its first credit. */
  window?: number;
};

/** cgroup v2 limits as the agent writes them (memory.max, pids.max, cpu.max, cpu.weight); absent: none. */
export type CgroupLimits = { memory?: number; pids?: number; cpuMax?: string; cpuWeight?: number };

/** One endpoint on a bridge, as the agent makes it (network.c). */
export type BridgeFields = { bridge: string; gateway: string; address: string; mac: string; internal: boolean };

/**
 * A start's network: its own namespace with lo ("none"), the guest's ("host"), or endpoints on
 * bridges, each field a list with one value per network: a veth pair, the bridge's end on
 * `bridge` (made with the address `gateway` when missing), the other eth0, eth1... in the
 * container with `address` and `mac`, and a default route via the first one's gateway unless
 * `internal`. Addresses are IPv4 with a prefix length (172.17.0.2/16). `resolver`: the
 * addresses the container's DNS server answers at (resolver.c).
 */
export type StartNetwork =
  | { network: "none" | "host" }
  | ({ network: "bridge"; resolver?: readonly string[] } & { [Field in keyof BridgeFields]: readonly (BridgeFields[Field] extends boolean ? number : string)[] });

/** Where the agent connects: a UNIX socket, or TCP (in a container's network namespace when `id`). */
export type ForwardTarget = { path: string } | { address: string; port: number; id?: string };

/** A socket the agent listens on in the guest: a UNIX socket's path, or TCP. */
export type ListenTarget = { path: string } | { address: string; port: number };

/** Every op the engine sends: its request's fields and its reply. */
export interface AgentOps {
  /** Sets the guest's clock to `time` (ms since the epoch) when given. */
  hello: { request: { time?: number }; reply: AgentHello };
  /** The root file system (an overlay of `lower`, top first) and the cgroup. */
  create: { request: { id: string; lower: readonly string[]; privileged: boolean; device: readonly string[] } & CgroupLimits; reply: void };
  /** The container's first process, in new namespaces; network "none" has only lo. */
  start: { request: { id: string } & ProcessFields & { hostname?: string; readonly?: boolean; hosts?: string; resolvConf?: string } & StartNetwork; reply: AgentStarted };
  exec: { request: { id: string } & ProcessFields; reply: AgentStarted };
  /** A process in no container at all: the yardstick for what a container costs (bench/). */
  spawn: { request: ProcessFields; reply: AgentStarted };
  /** A process on the Docker host itself, privileged unless told otherwise. */
  run: { request: ProcessFields; reply: AgentStarted };
  /** To a process on one of the engine's streams, or to a container's first process. */
  signal: { request: ({ id: string } | { stream: number }) & { signal: number }; reply: void };
  resize: { request: { stream: number; rows: number; cols: number }; reply: void };
  pause: { request: { id: string }; reply: void };
  unpause: { request: { id: string }; reply: void };
  top: { request: { id: string }; reply: AgentTop };
  stats: { request: { id: string }; reply: AgentStats };
  /** The container's upper dir as a layer tar at `path`, a guest path under /mnt/host. */
  diff: { request: { id: string; path: string }; reply: { size: number } };
  /** A connection the agent makes, carried on `stream`. */
  forward: { request: { stream: number; window?: number } & ForwardTarget; reply: void };
  remove: { request: { id: string }; reply: void };
  /** Connections on it come as accept records, each on a stream the agent numbers. */
  listen: { request: { name: string } & ListenTarget; reply: void };
  unlisten: { request: { name: string }; reply: void };
  /** Deletes the bridge device `name` (a start made it); none there is no error. */
  removeBridge: { request: { name: string }; reply: void };
  /** A running container's endpoint on one more bridge network, as the device `ifname` (eth1...). */
  addEndpoint: { request: { id: string; ifname: string } & BridgeFields; reply: void };
  /** The endpoint of a container's device `ifname` deleted; none there is no error. */
  removeEndpoint: { request: { id: string; ifname: string }; reply: void };
  /** An answer sent from a container's resolver socket (127.0.0.11:53) to the query's sender. */
  datagram: { request: AgentDatagram; reply: void };
}

export type AgentOp = keyof AgentOps;
/** One op's request as the channel sends it. */
export type RequestOf<Op extends AgentOp> = { op: Op } & AgentOps[Op]["request"];
/** Any request: a union discriminated by `op`. */
export type AgentRequest = { [Op in AgentOp]: RequestOf<Op> }[AgentOp];
export type AgentReplies = { [Op in AgentOp]: AgentOps[Op]["reply"] };

/** Who answers: `pid` tells a new agent from the one the engine knew; the rest is what `docker info` shows. */
export interface AgentHello {
  protocol: string | undefined;
  agent: string | undefined;
  pid: number | undefined;
  kernel: string | undefined;
  memTotal: number | undefined;
}

export interface AgentStarted {
  pid: number;
}

/** A container's processes, from /proc; times in clock ticks. */
export interface AgentTop {
  processes: AgentProcessRow[];
  /** Processes left out: the reply is one frame. */
  truncated: number;
  /** When the guest booted, in seconds since the epoch (a process's start counts from it). */
  bootTime: number;
  /** Clock ticks a second. */
  hz: number;
}

export interface AgentProcessRow {
  pid: number;
  ppid: number;
  uid: number;
  startTicks: number;
  /** 0 when the process has no terminal. */
  tty: number;
  cpuTicks: number;
  command: string;
}

/** A container's cgroup files and /proc/net/dev, read. */
export interface AgentStats {
  memory: { current: number; max: number | undefined; stat: Record<string, number>; events: Record<string, number> };
  /** cpu.stat: usage_usec, user_usec, system_usec, nr_periods, nr_throttled, throttled_usec. */
  cpu: Record<string, number>;
  pids: { current: number; max: number | undefined };
  /** The guest's monotonic clock, in nanoseconds: what CPU time is measured against. */
  clockNanos: number;
  cpus: number;
  networks: Record<string, NetworkCounters>;
}

export interface NetworkCounters {
  rxBytes: number;
  rxPackets: number;
  rxErrors: number;
  rxDropped: number;
  txBytes: number;
  txPackets: number;
  txErrors: number;
  txDropped: number;
}

/** A process's end, sent unasked on its stream once its output has ended. */
export interface AgentExit {
  code: number;
  /** The signal that killed it; 0 when it exited. */
  signal: number;
  /** Its container's cgroup killed a process for memory while it ran (a first process only). */
  oomKilled: boolean;
}

/** A connection on a listener, sent unasked on the stream the agent numbered for it. */
export interface AgentAccept {
  listener: string;
}

export function encodeRequest<Op extends AgentOp>(request: RequestOf<Op>): Uint8Array {
  return encodeRecord(request);
}

/** The reply's record, read as its op's reply (an error reply never gets here: the channel rejects it). */
export function parseReply<Op extends AgentOp>(op: Op, record: AgentRecord): AgentReplies[Op] {
  return replies[op](record);
}

export function parseExit(record: AgentRecord): AgentExit {
  return { code: record.number("code") ?? 0, signal: record.number("signal") ?? 0, oomKilled: record.get("oomKilled") === "1" };
}

/** A datagram to or from a container's resolver socket: its peer's address and port, and the bytes. */
export type AgentDatagram = {
  container: string;
  /** The container's resolver address the query was sent to, and its answer comes from. */
  server: string;
  address: string;
  port: number;
  data: Uint8Array;
};

export function parseDatagram(record: AgentRecord): AgentDatagram {
  return { container: record.get("container") ?? "", server: record.get("server") ?? "", address: record.get("address") ?? "", port: record.number("port") ?? 0, data: (record.bytes("data") ?? new Uint8Array()).slice() };
}

export function parseAccept(record: AgentRecord): AgentAccept {
  return { listener: record.get("listener") ?? "" };
}

const none = (): void => undefined;
const started = (record: AgentRecord): AgentStarted => ({ pid: record.number("pid") ?? 0 });

// Typed over the ops, so that a lookup by a generic op keeps that op's reply type.
const replies: { [Op in AgentOp]: (record: AgentRecord) => AgentReplies[Op] } = {
  hello: (record) => ({
    protocol: record.get("protocol"),
    agent: record.get("agent"),
    pid: record.number("pid"),
    kernel: record.get("kernel"),
    memTotal: record.number("memTotal"),
  }),
  create: none,
  start: started,
  exec: started,
  spawn: started,
  run: started,
  signal: none,
  resize: none,
  pause: none,
  unpause: none,
  top: parseTop,
  stats: parseStats,
  diff: (record) => ({ size: record.number("size") ?? 0 }),
  forward: none,
  remove: none,
  listen: none,
  unlisten: none,
  removeBridge: none,
  datagram: none,
  addEndpoint: none,
  removeEndpoint: none,
};

/** One "proc" per process, `pid ppid uid start-ticks tty cpu-ticks\tcommand`. */
function parseTop(record: AgentRecord): AgentTop {
  const processes = record.all("proc").map((row) => {
    const tab = row.indexOf("\t");
    const [pid, ppid, uid, startTicks, tty, cpuTicks] = row.slice(0, tab).split(" ").map(Number) as [number, number, number, number, number, number];
    return { pid, ppid, uid, startTicks, tty, cpuTicks, command: row.slice(tab + 1) };
  });
  return { processes, truncated: record.number("truncated") ?? 0, bootTime: record.number("btime") ?? 0, hz: record.number("hz") ?? 100 };
}

/** The files as they read: a number, "max" for no limit, or lines of "key value". */
function parseStats(record: AgentRecord): AgentStats {
  const num = (key: string) => Number(record.get(key)?.trim() ?? 0);
  const limit = (key: string) => {
    const text = record.get(key)?.trim();
    return text === undefined || text === "max" ? undefined : Number(text);
  };
  return {
    memory: { current: num("memory.current"), max: limit("memory.max"), stat: keyValues(record.get("memory.stat")), events: keyValues(record.get("memory.events")) },
    cpu: keyValues(record.get("cpu.stat")),
    pids: { current: num("pids.current"), max: limit("pids.max") },
    clockNanos: num("clock"),
    cpus: num("cpus") || 1,
    networks: networks(record.get("net.dev")),
  };
}

function keyValues(text: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of (text ?? "").split("\n")) {
    const [key, value] = line.trim().split(/\s+/);
    if (key && value !== undefined) out[key] = Number(value);
  }
  return out;
}

/** /proc/net/dev: two lines of headings, then an interface a line, its counters after the colon. */
function networks(text: string | undefined): Record<string, NetworkCounters> {
  const out: Record<string, NetworkCounters> = {};
  for (const line of (text ?? "").split("\n").slice(2)) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const f = line.slice(colon + 1).trim().split(/\s+/).map(Number);
    out[line.slice(0, colon).trim()] = {
      rxBytes: f[0] ?? 0,
      rxPackets: f[1] ?? 0,
      rxErrors: f[2] ?? 0,
      rxDropped: f[3] ?? 0,
      txBytes: f[8] ?? 0,
      txPackets: f[9] ?? 0,
      txErrors: f[10] ?? 0,
      txDropped: f[11] ?? 0,
    };
  }
  return out;
}
