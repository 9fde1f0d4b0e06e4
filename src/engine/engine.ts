import type { ByteStream } from "../shared/byte-stream";
import { engineApi } from "./api/engine-api";
import { serveApiInGuest } from "./api/guest-api";
import type { Handler } from "./api/http/server";
import { inProcessDialer } from "./api/in-process";
import type { ApiTap } from "./api/tap/api-tap";
import { tapRegistry } from "./api/tap/tap-registry";
import { serveGuestCli } from "./cli/guest-cli";
import type { RestoreSummary } from "./daemon/containers/restore";
import { Daemon } from "./daemon/daemon";
import { LayerStore } from "./layer/layer-store";
import { dialInGuest } from "./machine/guest-dial";
import { serveGuestTools } from "./machine/guest-tools";
import type { ImageSource } from "./machine/image-source";
import type { Machine } from "./machine/machine";
import { HubServer } from "./registry/hub-server";
import { hubTransport } from "./registry/hub-transport";
import { offlineRegistry } from "./registry/offline-registry";
import { AgentRuntime } from "./runtime/agent-runtime";
import { guestPorts } from "./network/guest-ports";
import type { PortPublisher } from "./network/port-publisher";
import type { BlobStore } from "./storage/blob-store";
import type { KvStore } from "./storage/kv-store";

export interface EngineOptions {
  machine: Machine;
  /** public/images: the hub's image layouts live under hub/. */
  images: ImageSource;
  blobs: BlobStore;
  kv: KvStore;
  /** Told of every exchange on the API and with the registry (the architecture view). */
  tap?: ApiTap;
  /** Published ports on this machine too (Node's listener; in the browser, the page's preview). */
  hostPorts?: PortPublisher;
  /** dockerd's --ip: the host address a published port binds when -p names none (0.0.0.0). */
  defaultBindIp?: string;
}

export interface Engine {
  daemon: Daemon;
  /** The Engine API: one HTTP request in, one response out. */
  handle: Handler;
  /** A connection to the API inside this process: HTTP/1.1 bytes through a pipe, as a socket would carry them. */
  dial(): Promise<ByteStream>;
  /** The containers of the daemon before this one (a reload), as they came back. */
  restored: RestoreSummary;
}

/**
 * The composition root: the daemon, its runtime in the machine, the built-in hub, and the API
 * in front of them, in the tab's worker or in Node.
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const agent = options.machine.agent;
  const layers = new LayerStore(options.machine.files);
  const runtime = new AgentRuntime(agent, layers, options.machine.files);
  const registry = offlineRegistry(tapRegistry(hubTransport(new HubServer(options.images)), options.tap));
  // From the agent, not the console: the console is the learner's terminal.
  const hello = await agent.syncClock();
  const host = { kernelVersion: hello.kernel ?? "", memTotal: hello.memTotal ?? 0 };
  const publishers = [guestPorts(agent), ...(options.hostPorts ? [options.hostPorts] : [])];
  const ports = { publishers, ...(options.defaultBindIp ? { defaultIp: options.defaultBindIp } : {}) };
  const daemon = new Daemon({ runtime, layers, blobs: options.blobs, kv: options.kv, registry, host, ports });
  const restored = await daemon.restore();
  const handle = engineApi(daemon);
  const dial = inProcessDialer(handle, "docker CLI", options.tap);
  // The daemon's sockets in the guest, for curl and any other client there.
  await serveApiInGuest(agent, handle, options.tap);
  // `docker` typed in the guest: the CLI runs here and reaches the API through `dial`.
  await serveGuestCli({ listen: (name, where, onConnection) => agent.listen(name, where, onConnection), dial: (target) => dialInGuest(agent, target) }, (client) => inProcessDialer(handle, client, options.tap)());
  await serveGuestTools(agent, options.images, options.machine.files);
  return { daemon, handle, dial, restored };
}
