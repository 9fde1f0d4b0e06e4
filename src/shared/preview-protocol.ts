/**
 * The preview of a published port: the service worker answers the page's requests under
 * `preview/<port>/`, and the app's page carries each one to the container (through the engine
 * worker). The service worker posts a PreviewRequest to the page with a MessagePort, and the
 * page answers on that port. Types only: the service worker is built as one classic script, so
 * it shares no code with the page.
 */

export interface PreviewRequest {
  type: "preview-request";
  /** The host port the container's port is published on. */
  port: number;
  method: string;
  /** The request target as the container is asked for it: "/", "/docs/a.html?x=1". */
  target: string;
  headers: [string, string][];
  /** Null for a request without one; a Blob is read as it is sent, with its length known. */
  body: Blob | null;
}

/** The page's answer, in this order: a head, then the body's bytes, then the end; or a failure instead. */
export type PreviewReply =
  | { type: "head"; status: number; statusText: string; headers: [string, string][] }
  | { type: "data"; bytes: Uint8Array }
  | { type: "end" }
  // Before the head: the service worker answers with this status and words; after it, the body breaks off.
  | { type: "failure"; status: number; message: string };

/**
 * The service worker to the page: its reader took `bytes` more of the body (the page sends on
 * within a window of them); or nobody reads the response any more (the frame went elsewhere).
 */
export type PreviewControl = { type: "taken"; bytes: number } | { type: "cancel" };
