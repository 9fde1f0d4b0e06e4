import type { ByteStream } from "../../shared/byte-stream";
import type { Disposable } from "../../shared/disposable";
import { errorKind, errorMessage } from "../../shared/errors";
import type { PreviewControl, PreviewReply, PreviewRequest } from "../../shared/preview-protocol";
import type { EngineMessages } from "../engine-worker-channel";
import { ResponseBody } from "../http/response-body";
import { openWorkerPortSocket } from "../worker-api-socket";
import { requestHead, responseHeaders } from "./preview-http";

/** Body bytes posted to the service worker and not yet taken by its reader, before the page waits. */
export const PREVIEW_WINDOW = 1024 * 1024;

/** The page's end of one preview request's MessagePort. */
export interface ReplyPort {
  post(reply: PreviewReply): void;
  /** What the service worker says: its reader took bytes, or went away (the rest is nobody's). */
  onControl(listener: (control: PreviewControl) => void): void;
}

/** The 502 page's words for a port no container publishes. */
export function notPublished(port: number): string {
  return `Nothing is published on port ${port} of the Docker host. A container's port is published with -p, as in docker run -d -p ${port}:80 IMAGE; docker ps lists the ports that are.`;
}

/**
 * Carries one preview request to the container published on its port, and its response back: the
 * request written on a connection of its own, the response's head and body read as they come
 * (chunked or not) and posted on piece by piece, never held whole: past PREVIEW_WINDOW not yet
 * taken by the reader, the connection is held (and so, through the engine, the container).
 */
export async function relayPreview(request: PreviewRequest, reply: ReplyPort, connect: (port: number) => Promise<ByteStream>, appBase: string): Promise<void> {
  const { port } = request;
  let socket: ByteStream;
  try {
    socket = await connect(port);
  } catch (error) {
    reply.post({ type: "failure", status: 502, message: errorKind(error) === "NotFound" ? notPublished(port) : `The Docker host could not connect to port ${port}: ${errorMessage(error)}` });
    return;
  }
  const response = new ResponseBody();
  let over = false;
  let ahead = 0;
  let room: (() => void) | undefined;
  const wake = () => {
    room?.();
    room = undefined;
  };
  const finish = (last: PreviewReply) => {
    if (over) return;
    over = true;
    wake();
    reply.post(last);
    socket.end();
  };
  // Listened to at once: the container's bytes may come in the next message.
  socket.onData((bytes) => {
    if (over) return;
    const started = response.head !== undefined;
    const body = response.push(bytes);
    const head = response.head;
    if (!head) return;
    if (!started) {
      if (head.status < 200 || head.status > 599) return finish({ type: "failure", status: 502, message: `The container on port ${port} did not answer with an HTTP response the preview can show.` });
      reply.post({ type: "head", status: head.status, statusText: head.statusText, headers: responseHeaders(head, port, appBase) });
    }
    for (const part of body) {
      reply.post({ type: "data", bytes: part.slice() });
      ahead += part.length;
    }
    if (ahead > PREVIEW_WINDOW) return new Promise<void>((resolve) => (room = resolve));
  });
  socket.onEnd(() =>
    finish(response.head ? { type: "end" } : { type: "failure", status: 502, message: `The container on port ${port} closed the connection without an answer: is its server listening on the container's port that ${port} publishes?` }),
  );
  reply.onControl((control) => {
    if (control.type === "taken") {
      ahead -= control.bytes;
      if (ahead <= PREVIEW_WINDOW) wake();
      return;
    }
    if (over) return;
    over = true;
    wake();
    socket.end();
  });
  try {
    await socket.write(requestHead(port, request.method, request.target, request.headers, request.body?.size));
    const reader = request.body?.stream().getReader();
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      if (over) return void (await reader.cancel());
      await socket.write(value);
    }
  } catch (error) {
    finish({ type: "failure", status: 502, message: `The request to port ${port} broke off: ${errorMessage(error)}` });
  }
}

/**
 * The app's page serves the service worker's preview requests (src/service-worker/preview.ts):
 * each comes with a port for the answer, and goes to the engine worker as a connection to the
 * published port.
 */
export function servePreviews(serviceWorker: ServiceWorkerContainer, engine: EngineMessages, appBase: string): Disposable {
  const onMessage = (event: MessageEvent) => {
    const request = event.data as PreviewRequest | undefined;
    const port = event.ports[0];
    if (request?.type !== "preview-request" || !port) return;
    const reply: ReplyPort = {
      // Each piece is a copy of its own: handed over, not copied again.
      post: (message) => port.postMessage(message, message.type === "data" ? [message.bytes.buffer as ArrayBuffer] : []),
      onControl: (listener) => {
        port.onmessage = (event: MessageEvent<PreviewControl>) => listener(event.data);
      },
    };
    void relayPreview(request, reply, (to) => openWorkerPortSocket(engine, to), appBase);
  };
  serviceWorker.addEventListener("message", onMessage);
  // Messages a service worker sent before this listener are held until messages are started.
  serviceWorker.startMessages();
  return { dispose: () => serviceWorker.removeEventListener("message", onMessage) };
}
