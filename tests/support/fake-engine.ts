import type { ByteStream } from "../../src/shared/byte-stream";
import { engineApi } from "../../src/engine/api/engine-api";
import type { Handler } from "../../src/engine/api/http/server";
import { wholeBody } from "./http-request";
import { inProcessDialer } from "../../src/engine/api/in-process";
import type { RestoreSummary } from "../../src/engine/daemon/containers/restore";
import { Daemon, type DaemonOptions } from "../../src/engine/daemon/daemon";
import { LayerStore } from "../../src/engine/layer/layer-store";
import { GuestFiles } from "../../src/engine/machine/guest-files";
import { HubServer } from "../../src/engine/registry/hub-server";
import { hubTransport } from "../../src/engine/registry/hub-transport";
import { offlineRegistry } from "../../src/engine/registry/offline-registry";
import { FakeRuntime, type FakeProgram } from "../../src/engine/runtime/fake-runtime";
import { MemoryBlobStore, type BlobStore } from "../../src/engine/storage/blob-store";
import { MemoryKvStore, type KvStore } from "../../src/engine/storage/kv-store";
import { memoryFiles } from "./memory-files";
import { memoryHub, type TestImage } from "./memory-hub";

export interface FakeEngine {
  daemon: Daemon;
  runtime: FakeRuntime;
  /** The Engine API over the daemon, as createEngine builds it. */
  handle: Handler;
  /** A connection to that API (HTTP/1.1 bytes through a pipe), for the CLI. */
  dial(): Promise<ByteStream>;
  /** Pulls an image of the in-memory hub (busybox, hello-world), failing on a pull error. */
  pull(image: string): Promise<void>;
  /** One request through the router: its status and its body as JSON (or text). */
  request(method: string, path: string, body?: unknown): Promise<{ status: number; json: () => unknown; text: string }>;
  /** What the daemon's restore brought back from the stores. */
  restored: RestoreSummary;
}

export interface FakeEngineOptions {
  /** Commands the containers can run, besides the fake runtime's own. */
  programs?: Record<string, FakeProgram>;
  /** A runtime of the test's (one that fails or waits where the test needs it). */
  runtime?: FakeRuntime;
  /** The stores (a daemon restart is a second engine over the same ones). */
  stores?: { kv: KvStore; blobs: BlobStore };
  /** The hub's images (busybox and hello-world). */
  images?: readonly TestImage[];
  /** Where published ports are made reachable (none unless given), and the default bind address. */
  ports?: DaemonOptions["ports"];
}

/**
 * The daemon with everything but the VM real: the fake runtime, layers unpacked into an
 * in-memory 9p tree, an in-memory hub, memory stores; the same router as createEngine's.
 */
export async function fakeEngine(options: FakeEngineOptions = {}): Promise<FakeEngine> {
  const runtime = options.runtime ?? new FakeRuntime(options.programs);
  const layers = new LayerStore(new GuestFiles(memoryFiles(), () => undefined));
  const registry = offlineRegistry(hubTransport(new HubServer(await memoryHub(options.images))));
  const daemon = new Daemon({ runtime, layers, ...(options.stores ?? { kv: new MemoryKvStore(), blobs: new MemoryBlobStore() }), registry, host: { kernelVersion: "6.1.0-drydock", memTotal: 256 * 1024 * 1024 }, ...(options.ports ? { ports: options.ports } : {}) });
  const restored = await daemon.restore();
  const handle = engineApi(daemon);
  const request = async (method: string, path: string, body?: unknown) => {
    const bytes = body === undefined ? new Uint8Array(0) : new TextEncoder().encode(JSON.stringify(body));
    const headers = new Map<string, string>(body === undefined ? [] : [["content-type", "application/json"]]);
    const [pathname, query = ""] = path.split("?");
    const response = await handle({ method, path: pathname!, query: new URLSearchParams(query), headers, body: wholeBody(bytes), signal: new AbortController().signal });
    let text = "";
    if ("body" in response && response.body !== undefined) text = typeof response.body === "string" ? response.body : new TextDecoder().decode(response.body);
    if ("stream" in response) for await (const chunk of response.stream) text += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
    return { status: response.status ?? 101, text, json: () => JSON.parse(text) as unknown };
  };
  const pull = async (image: string) => {
    for await (const message of daemon.images.pull(image, undefined)) if (message.error) throw new Error(String(message.error));
  };
  return { daemon, runtime, handle, dial: inProcessDialer(handle, "docker CLI"), pull, request, restored };
}
