import { DrydockError } from "../../shared/errors";
import { createRouter } from "../api/router";
import { containerRoutes } from "../api/routes/containers";
import { eventRoutes } from "../api/routes/events";
import { execRoutes } from "../api/routes/exec";
import { imageRoutes } from "../api/routes/images";
import { systemRoutes } from "../api/routes/system";
import { serveApiInGuest } from "../api/guest-api";
import { serveConnection, type Handler } from "../api/http/server";
import type { ApiTap } from "../api/tap/api-tap";
import { tapConnection } from "../api/tap/tap-connection";
import { tapRegistry } from "../api/tap/tap-registry";
import { serveGuestCli } from "../cli/guest-cli";
import { bytePipe } from "../../shared/byte-pipe";
import type { ByteStream } from "../../shared/byte-stream";
import { DRYDOCK_VERSION } from "../../shared/version";
import { LayerStore } from "../layer/layer-store";
import { dialInGuest } from "../machine/guest-dial";
import { serveGuestTools } from "../machine/guest-tools";
import type { ImageSource } from "../machine/image-source";
import type { Machine } from "../machine/machine";
import { HubServer } from "../registry/hub-server";
import { hubTransport } from "../registry/hub-transport";
import { RegistryClient } from "../registry/registry-client";
import { AgentRuntime } from "../runtime/agent-runtime";
import type { BlobStore } from "../storage/blob-store";
import type { KvStore } from "../storage/kv-store";
import { Daemon } from "./daemon";

export interface EngineOptions {
  machine: Machine;
  /** public/images: the hub's image layouts live under hub/. */
  images: ImageSource;
  blobs: BlobStore;
  kv: KvStore;
  /** Told of every exchange on the API and with the registry (the architecture view). */
  tap?: ApiTap;
}

export interface Engine {
  daemon: Daemon;
  /** The Engine API: one HTTP request in, one response out. */
  handle: Handler;
  /** A connection to the API inside this process: HTTP/1.1 bytes through a pipe, as a socket would carry them. */
  dial(): Promise<ByteStream>;
}

/** The daemon, its runtime in the machine, the built-in hub, and the API in front of them. */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const layers = new LayerStore(options.machine.files);
  const runtime = new AgentRuntime(options.machine.agent, layers, options.machine.files);
  const hub = tapRegistry(hubTransport(new HubServer(options.images)), options.tap);
  const registry = new RegistryClient((domain) => {
    if (domain === "docker.io") return hub;
    return () => Promise.reject(new DrydockError("Unavailable", `Get "https://${domain}/v2/": the registry ${domain} cannot be reached: Drydock has no network beyond its built-in hub`));
  });
  const daemon = new Daemon({ runtime, layers, blobs: options.blobs, kv: options.kv, registry });
  await daemon.restore();
  // From the agent, not the console: the console is the learner's terminal.
  const hello = await options.machine.agent.syncClock();
  const facts = { version: DRYDOCK_VERSION, kernelVersion: hello.kernel ?? "", memTotal: hello.memTotal ?? 0, name: "drydock" };
  const handle: Handler = createRouter([...systemRoutes(daemon, facts), ...containerRoutes(daemon, facts.memTotal), ...execRoutes(daemon), ...imageRoutes(daemon), ...eventRoutes(daemon)], `Drydock/${DRYDOCK_VERSION} (linux)`);
  const dial = async () => {
    const [client, server] = bytePipe();
    serveConnection(tapConnection(server, "docker CLI", options.tap), handle);
    return client;
  };
  const agent = options.machine.agent;
  // The daemon's sockets in the guest, for curl and any other client there.
  await serveApiInGuest(agent, handle, options.tap);
  // `docker` typed in the guest: the CLI runs here and reaches the API through `dial`.
  await serveGuestCli({ listen: (name, where, onConnection) => agent.listen(name, where, onConnection), dial: (target) => dialInGuest(agent, target) }, dial);
  await serveGuestTools(agent, options.images, options.machine.files);
  return { daemon, handle, dial };
}
