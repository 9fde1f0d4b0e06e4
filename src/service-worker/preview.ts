// The preview of published ports, in the service worker: a request under preview/<port>/ is
// answered by the app's page, which carries it to the container (src/ui/preview/preview-relay.ts).
import type { PreviewControl, PreviewReply, PreviewRequest } from "../shared/preview-protocol";

/** The container's answer must start within this long, or the preview says it timed out. */
const HEAD_TIMEOUT_MS = 60_000;

/** Body bytes queued for the reader before the page is told less often what it took. */
const QUEUED = 256 * 1024;

/** Responses that may not carry a body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export type PreviewTarget = { port: number; target: string } | { redirect: string } | undefined;

/**
 * Whether `url` is under preview/<port>/ of the app's scope, and then which port and request
 * target it names; preview/<port> alone is sent on to its directory, so relative links resolve
 * inside it. The page makes these addresses in src/ui/preview/preview-url.ts.
 */
export function previewTarget(url: URL, scope: URL): PreviewTarget {
  const prefix = `${scope.pathname}preview/`;
  if (url.origin !== scope.origin || !url.pathname.startsWith(prefix)) return undefined;
  const match = /^(\d{1,5})(\/.*)?$/.exec(url.pathname.slice(prefix.length));
  const port = Number(match?.[1]);
  if (!match || port < 1 || port > 65535) return undefined;
  if (match[2] === undefined) return { redirect: `${url.origin}${url.pathname}/${url.search}` };
  return { port, target: match[2] + url.search };
}

/**
 * A request a preview's page makes from its server's root ("/static/app.css", a link to
 * "/about"), told by its referrer: the container's too. A navigation is sent to its preview
 * address, so the frame stays inside the preview; anything else is answered in place.
 */
export function rootLinkTarget(url: URL, scope: URL, referrer: string, navigate: boolean): PreviewTarget {
  if (!referrer || url.origin !== scope.origin) return undefined;
  const from = previewTarget(new URL(referrer), scope);
  if (!from || !("port" in from)) return undefined;
  const target = url.pathname + url.search;
  return navigate ? { redirect: `${scope.href}preview/${from.port}${target}` } : { port: from.port, target };
}

/** A page of our own for what went wrong (502: nothing there; 504: no answer in time). */
export function failure(status: number, message: string): Response {
  const title = status === 504 ? "504 Gateway Timeout" : "502 Bad Gateway";
  const escaped = message.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const page = `<!doctype html><meta charset="utf-8"><title>${title}</title><style>body{font:16px system-ui,sans-serif;margin:2rem;max-width:40rem}</style><h1>${title}</h1><p>${escaped}</p>`;
  return new Response(page, { status, statusText: title.slice(4), headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

function headers(fields: [string, string][]): Headers {
  const result = new Headers();
  for (const [name, value] of fields) {
    try {
      result.append(name, value);
    } catch {
      // A field the browser will not take (an invalid name or value) is left out, not the page.
    }
  }
  return result;
}

/** The app's page that carries the request: one showing the app (not a preview), the visible one first. */
async function appPage(clients: Clients, scope: URL): Promise<Client | undefined> {
  const windows = await clients.matchAll({ type: "window", includeUncontrolled: true });
  const apps = windows.filter((client) => {
    const path = new URL(client.url).pathname;
    return new URL(client.url).origin === scope.origin && (path === scope.pathname || path === `${scope.pathname}index.html`);
  });
  return apps.find((client) => (client as WindowClient).visibilityState === "visible") ?? apps[0];
}

/** The container's response to `request`, streamed as the page passes it on. */
export async function previewResponse(request: Request, port: number, target: string, clients: Clients, scope: URL): Promise<Response> {
  const page = await appPage(clients, scope);
  if (!page) return failure(502, `The preview of port ${port} is shown by Drydock's page, and none is open: open the app, then this address again.`);
  const body = request.method === "GET" || request.method === "HEAD" ? null : await request.blob();
  const channel = new MessageChannel();
  const message: PreviewRequest = { type: "preview-request", port, method: request.method, target, headers: [...request.headers], body };
  return new Promise<Response>((resolve) => {
    let stream!: ReadableStreamDefaultController<Uint8Array>;
    const done = () => {
      clearTimeout(timer);
      channel.port1.close();
    };
    const control = (message: PreviewControl) => channel.port1.postMessage(message);
    const timer = setTimeout(() => {
      resolve(failure(504, `The container on port ${port} did not answer within ${HEAD_TIMEOUT_MS / 1000} s.`));
      control({ type: "cancel" });
      done();
    }, HEAD_TIMEOUT_MS);
    // The page sends on as the reader takes: what left the queue is told it, each time the
    // stream asks for more.
    let enqueued = 0;
    let told = 0;
    const readable = new ReadableStream<Uint8Array>(
      {
        start: (controller) => void (stream = controller),
        pull: (controller) => {
          const taken = enqueued - (QUEUED - (controller.desiredSize ?? QUEUED));
          if (taken > told) control({ type: "taken", bytes: taken - told });
          told = Math.max(told, taken);
        },
        cancel: () => {
          control({ type: "cancel" });
          done();
        },
      },
      new ByteLengthQueuingStrategy({ highWaterMark: QUEUED }),
    );
    channel.port1.onmessage = (event: MessageEvent<PreviewReply>) => {
      const reply = event.data;
      switch (reply.type) {
        case "head": {
          clearTimeout(timer);
          const empty = NULL_BODY.has(reply.status) || request.method === "HEAD";
          resolve(new Response(empty ? null : readable, { status: reply.status, statusText: reply.statusText, headers: headers(reply.headers) }));
          break;
        }
        case "data":
          enqueued += reply.bytes.length;
          stream.enqueue(reply.bytes);
          break;
        case "end":
          stream.close();
          done();
          break;
        case "failure":
          resolve(failure(reply.status, reply.message));
          stream.error(new Error(reply.message));
          done();
          break;
      }
    };
    page.postMessage(message, [channel.port2]);
  });
}
