// The engine's Web Worker entry: the only file under engine/ that touches `self` and `fetch`.
import wasmUrl from "v86/build/v86.wasm?url";
import v86Package from "v86/package.json";
import { errorKind, errorMessage } from "../shared/errors";
import type { FromEngine, ToEngine } from "../shared/worker-protocol";
import { MessageConnections } from "./api/message-connections";
import { TapRelay } from "./api/tap/tap-relay";
import { LESSON_CHECK_ENV } from "./cli/guest-cli";
import type { RestoreSummary } from "./daemon/containers/restore";
import { createEngine } from "./engine";
import { HttpImageSource } from "./machine/http-image-source";
import { MemoryBlobStore } from "./storage/blob-store";
import { openIndexedDbStores } from "./storage/indexeddb-stores";
import { MemoryKvStore } from "./storage/kv-store";
import { runInGuest } from "./machine/guest-run";
import { Machine } from "./machine/machine";
import { PagePorts } from "./network/page-ports";
import { channelScheduler } from "./machine/slice-scheduler";
import { createV86Emulator } from "./machine/v86-emulator";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromEngine) => scope.postMessage(message);
let machine: Machine | undefined;
let api: MessageConnections | undefined;
const tap = new TapRelay(post);
/** Published ports, for the page's preview of them. */
const pagePorts = new PagePorts();
/** API messages that came before the engine was up: served once it is. */
let waitingApi: Extract<ToEngine, { type: "api-open" | "api-data" | "api-end" | "port-open" | "port-credit" }>[] = [];

scope.onmessage = (event: MessageEvent<ToEngine>) => {
  const message = event.data;
  switch (message.type) {
    case "start":
      void start(message.imagesUrl);
      break;
    case "console-input":
      machine?.console.write(message.data);
      break;
    case "console-resize":
      machine?.console.resize(message.columns, message.rows);
      break;
    case "api-open":
    case "port-open":
    case "port-credit":
    case "api-data":
    case "api-end":
      if (api) api.receive(message);
      else waitingApi.push(message);
      break;
    case "api-exchange-raw":
      tap.sendRaw(message.id);
      break;
    case "guest-run":
      void guestRun(message.id, message.command);
      break;
  }
};

async function guestRun(id: number, command: string): Promise<void> {
  try {
    if (!machine) throw new Error("the VM is not running yet");
    post({ type: "guest-run-result", id, ...(await runInGuest(machine.agent, command, { env: [LESSON_CHECK_ENV] })) });
  } catch (error) {
    post({ type: "guest-run-error", id, message: errorMessage(error) });
  }
}

/**
 * A reload starts the Docker host afresh: the containers come back from the page's storage, but
 * not their files, logs or processes. Said once, so that an `Exited (255)` in `docker ps -a` or
 * a missing file is not a mystery.
 */
function reloadNotice({ containers, stopped }: RestoreSummary): string | undefined {
  if (containers === 0) return undefined;
  const were = stopped === 1 ? "1 container that was running is now stopped (Exited (255)), and " : stopped > 1 ? `${stopped} containers that were running are now stopped (Exited (255)), and ` : "";
  return `The page was reloaded, so the Docker host started afresh: ${were}containers' files and logs from before are gone. Images are kept; docker start NAME runs a stopped container again.`;
}

async function compileWasm(url: string): Promise<WebAssembly.Module> {
  try {
    return await WebAssembly.compileStreaming(fetch(url));
  } catch {
    // A server that does not label it application/wasm: compile from the bytes instead.
    const response = await fetch(url);
    return WebAssembly.compile(await response.arrayBuffer());
  }
}

async function start(imagesUrl: string): Promise<void> {
  const started = performance.now();
  try {
    const images = new HttpImageSource(imagesUrl, (url) => fetch(url));
    machine = await Machine.start({
      images,
      emulator: (media) => createV86Emulator(media, { scheduler: channelScheduler() }),
      compileWasm: () => compileWasm(wasmUrl),
      v86Version: v86Package.version,
      onProgress: (progress) => post({ type: "progress", progress }),
      onNotice: (notice) => post({ type: "notice", message: notice }),
    });
    machine.console.onData((data) => post({ type: "console-output", data }));
    post({ type: "ready", mode: machine.mode, bootMs: performance.now() - started, screen: machine.screen });
    const stores = await openIndexedDbStores(indexedDB).catch((error: unknown) => {
      post({ type: "notice", message: `Images will not be kept across reloads: ${errorMessage(error)}` });
      return { blobs: new MemoryBlobStore(), kv: new MemoryKvStore() };
    });
    const engine = await createEngine({ machine, images, ...stores, tap, hostPorts: pagePorts });
    const reloaded = reloadNotice(engine.restored);
    if (reloaded) post({ type: "notice", message: reloaded });
    api = new MessageConnections(post, engine.handle, tap, (port) => pagePorts.dial(port));
    for (const message of waitingApi) api.receive(message);
    waitingApi = [];
  } catch (error) {
    post({ type: "error", kind: errorKind(error), message: errorMessage(error) });
  }
}
