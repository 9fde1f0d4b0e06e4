import type { ByteStream } from "../../shared/byte-stream";
import { compareVersions } from "../../shared/api-version";
import { DrydockError } from "../../shared/errors";
import { ConnectError, DaemonError } from "./errors";
import { HttpConnection, type ResponseHead, type SizedBody } from "./http-connection";

/** Opens a connection to the daemon (a UNIX socket, TCP, or a pipe inside the engine). */
export type Dialer = () => Promise<ByteStream>;

/** The newest Engine API version this client speaks; older daemons are met at theirs. */
export const CLIENT_API_VERSION = "1.47";

/** A list is sent as the parameter repeated (`t=a&t=b`, `changes=...`), as Go's url.Values does. */
export type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

export interface RequestOptions {
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is made, with its own Content-Type (a build context's tar), instead of `body`. */
  upload?: SizedBody & { contentType: string };
  /** Aborting closes the connection (a follow stream ends). */
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Requests to the Engine API as HTTP/1.1 over whatever the dialer opens, the API version
 * negotiated with a ping first (as docker/cli does), idle connections kept alive. DockerClient
 * types the calls; this carries them.
 */
export class EngineHttpClient {
  private version: string | undefined;
  private readonly idle: HttpConnection[] = [];

  constructor(
    private readonly dialer: Dialer,
    /** For messages: unix:///var/run/docker.sock, tcp://... */
    readonly host: string,
    private readonly userAgent: string,
  ) {}

  /** A request whose whole body is JSON (or empty); a status >= 400 throws DaemonError. */
  async json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const text = await this.text(method, path, options);
    return (text.trim() === "" ? undefined : JSON.parse(text)) as T;
  }

  async text(method: string, path: string, options: RequestOptions = {}): Promise<string> {
    return collect((await this.stream(method, path, options)).chunks);
  }

  /** A response whose body is read as it comes (pull progress, logs, events, stats). */
  async stream(method: string, path: string, options: RequestOptions = {}): Promise<{ head: ResponseHead; chunks: AsyncGenerator<Uint8Array> }> {
    const target = await this.target(path, options.query);
    const connection = await this.connection({ method, target });
    let head: ResponseHead;
    try {
      ({ head } = await this.exchange(connection, method, target, options));
    } catch (error) {
      // Half a request (an upload that failed on its way) leaves the connection unusable.
      connection.close();
      throw error;
    }
    if (head.status >= 400) {
      const body = await collect(connection.body(head, method));
      this.release(connection, head);
      throw daemonError(head.status, body);
    }
    const release = () => this.release(connection, head);
    const onAbort = () => connection.close();
    options.signal?.addEventListener("abort", onAbort);
    // Aborted while the head was on its way: the listener above came too late to hear it.
    if (options.signal?.aborted) onAbort();
    const chunks = (async function* () {
      let complete = false;
      try {
        for await (const chunk of connection.body(head, method)) yield chunk;
        complete = true;
      } catch (error) {
        if (!options.signal?.aborted) throw error;
      } finally {
        options.signal?.removeEventListener("abort", onAbort);
        if (complete && !options.signal?.aborted) release();
        else connection.close();
      }
    })();
    return { head, chunks };
  }

  /** attach and exec start: after the head the connection carries the container's streams. */
  async hijack(method: string, path: string, options: RequestOptions = {}): Promise<{ head: ResponseHead; stream: ByteStream }> {
    const target = await this.target(path, options.query);
    const connection = await this.open({ method, target });
    const { head } = await this.exchange(connection, method, target, { ...options, headers: { Connection: "Upgrade", Upgrade: "tcp", ...options.headers } });
    if (head.status >= 400) {
      const body = await collect(connection.body(head, method));
      connection.close();
      throw daemonError(head.status, body);
    }
    if (head.status !== 101) {
      connection.close();
      throw new DrydockError("Unavailable", `unable to upgrade to tcp, received ${head.status}`);
    }
    const stream = connection.hijack();
    options.signal?.addEventListener("abort", () => stream.end(), { once: true });
    return { head, stream };
  }

  /** The version in use, after the first request negotiated it. */
  async apiVersion(): Promise<string> {
    return (this.version ??= await this.negotiate());
  }

  close(): void {
    for (const connection of this.idle.splice(0)) connection.close();
  }

  private async negotiate(): Promise<string> {
    let connection: HttpConnection;
    try {
      connection = await this.connection();
    } catch (error) {
      // As docker: a failed ping leaves the client's own version, and the request proper says why.
      if (error instanceof LookupError) return CLIENT_API_VERSION;
      throw error;
    }
    const { head } = await this.exchange(connection, "HEAD", "/_ping", {});
    this.release(connection, head);
    const server = head.headers.get("api-version");
    if (!server || compareVersions(server, CLIENT_API_VERSION) >= 0) return CLIENT_API_VERSION;
    return server;
  }

  private async target(path: string, query: Query | undefined): Promise<string> {
    const version = await this.apiVersion();
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      if (typeof value === "object") for (const item of value) params.append(key, item);
      else params.set(key, typeof value === "boolean" ? (value ? "1" : "0") : String(value));
    }
    const search = params.toString();
    return `/v${version}${path}${search ? `?${search}` : ""}`;
  }

  private async exchange(connection: HttpConnection, method: string, target: string, options: RequestOptions): Promise<{ head: ResponseHead }> {
    const body = options.upload ?? (options.body === undefined ? undefined : encoder.encode(JSON.stringify(options.body)));
    const headers: Record<string, string> = { Host: "api.moby.localhost", "User-Agent": this.userAgent, ...options.headers };
    if (options.upload) headers["Content-Type"] = options.upload.contentType;
    else if (body) headers["Content-Type"] = "application/json";
    else if (method === "POST") headers["Content-Type"] = "text/plain";
    await connection.send(method, target, headers, body ?? (method === "POST" ? new Uint8Array(0) : undefined));
    return { head: await connection.readHead() };
  }

  /** `request` names the request in an error, as Go's HTTP client does; the ping has none. */
  private async connection(request?: { method: string; target: string }): Promise<HttpConnection> {
    for (let connection = this.idle.pop(); connection; connection = this.idle.pop()) {
      if (!connection.closed) return connection;
    }
    return this.open(request);
  }

  private async open(request?: { method: string; target: string }): Promise<HttpConnection> {
    try {
      return new HttpConnection(await this.dialer());
    } catch (error) {
      // A name that does not resolve is not a daemon that is down: docker names the request.
      if (error instanceof DrydockError && error.kind === "NotFound") {
        if (!request) throw new LookupError(error.message);
        const method = request.method.charAt(0) + request.method.slice(1).toLowerCase();
        throw new ConnectError(`error during connect: ${method} "http://${this.host.replace(/^tcp:\/\//, "")}${request.target}": ${error.message}`);
      }
      throw new ConnectError(`Cannot connect to the Docker daemon at ${this.host}. Is the docker daemon running?`);
    }
  }

  private release(connection: HttpConnection, head: ResponseHead): void {
    if (connection.closed || head.headers.get("connection")?.toLowerCase() === "close") connection.close();
    else this.idle.push(connection);
  }
}

/** A daemon's name that did not resolve. */
class LookupError extends Error {}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  let text = "";
  for await (const chunk of chunks) text += decoder.decode(chunk, { stream: true });
  return text;
}

function daemonError(status: number, body: string): DaemonError {
  try {
    const message = (JSON.parse(body) as { message?: unknown }).message;
    // moby's client trims the message (a predefined network's refusal ends in a space).
    if (typeof message === "string") return new DaemonError(status, message.trim());
  } catch {
    // Not JSON: the text itself is the message, as docker/cli shows it.
  }
  return new DaemonError(status, body.trim() || `${status}`);
}
