import type { ExchangeRaw, ExchangeSummary } from "./api-exchange";
import type { BootMode, BootProgress } from "./boot";
import type { ErrorKind } from "./errors";

/**
 * Bytes of API requests the page may have sent on one connection that the worker has not
 * taken yet: an upload waits for credit rather than filling the worker's message queue.
 */
export const API_WINDOW = 256 * 1024;

/**
 * Bytes of a published port's connection the engine may have sent the page that the page has
 * not handed on yet (to the preview's reader): a container faster than its reader waits.
 */
export const PORT_WINDOW = 1024 * 1024;

/** Messages from the page to the engine worker. */
export type ToEngine =
  | { type: "start"; imagesUrl: string }
  | { type: "console-input"; data: Uint8Array }
  | { type: "console-resize"; columns: number; rows: number }
  // A connection to the Engine API: real HTTP/1.1 bytes both ways, as over a socket.
  | { type: "api-open"; id: number }
  | { type: "api-data"; id: number; data: Uint8Array }
  | { type: "api-end"; id: number }
  // A connection to the container published on this port of the host (the page's preview): its
  // bytes go both ways as an API connection's do (api-data, api-end, api-credit), once opened.
  | { type: "port-open"; id: number; port: number }
  // The page handed on `bytes` of a port connection's data: the engine may send that many more.
  | { type: "port-credit"; id: number; bytes: number }
  // The bytes of one exchange the API tap recorded, for the architecture view's raw panel.
  | { type: "api-exchange-raw"; id: number }
  // A command run by `sh -c` on the Docker host itself: lesson checks look at the host.
  | { type: "guest-run"; id: number; command: string };

/** Messages from the engine worker to the page. */
export type FromEngine =
  | { type: "progress"; progress: BootProgress }
  | { type: "notice"; message: string }
  | { type: "ready"; mode: BootMode; bootMs: number; screen: string }
  | { type: "console-output"; data: Uint8Array }
  | { type: "error"; kind: ErrorKind; message: string }
  | { type: "api-data"; id: number; data: Uint8Array }
  | { type: "api-end"; id: number }
  // The worker took `bytes` of a connection's api-data: the page may send that many more.
  | { type: "api-credit"; id: number; bytes: number }
  // A port-open's answer: connected to the container, or why not (nothing publishes the port).
  | { type: "port-opened"; id: number }
  | { type: "port-refused"; id: number; kind: ErrorKind; message: string }
  // The API tap: an exchange's summary when its request comes, its head goes out and it ends.
  | { type: "api-exchange"; exchange: ExchangeSummary }
  | { type: "api-exchange-raw"; id: number; raw: ExchangeRaw | undefined }
  // A build's response bytes (head, chunk framing and all) as they go out: isBuild in api-exchange.
  | { type: "api-exchange-response"; id: number; data: Uint8Array }
  | { type: "guest-run-result"; id: number; exitCode: number; stdout: string; stderr: string }
  | { type: "guest-run-error"; id: number; message: string };
