import type { ByteStream } from "../../shared/byte-stream";
import type { ContainerChange, ContainerCreateBody, ContainerCreateResponse, ContainerInspectResponse, ContainerStatsResponse, ContainerSummary, ContainerTopResponse, ContainerWaitResponse } from "../../shared/engine-api/containers";
import type { ContainerPruneResponse } from "../../shared/engine-api/prune";
import type { EngineHttpClient } from "./engine-http-client";
import type { ResponseHead } from "./http-connection";
import { jsonLines } from "./json-lines";
import { containerPath } from "./paths";

/** The filters JSON the API takes: {"status": {"exited": true}}. */
export type FiltersJson = string | undefined;

export interface StopOptions {
  /** Seconds to wait before SIGKILL. */
  t?: number;
  signal?: string;
}

export interface LogsOptions {
  follow?: boolean;
  /** Unix seconds, or the daemon's own forms ("10m" is converted by the caller). */
  since?: string;
  until?: string;
  timestamps?: boolean;
  details?: boolean;
  tail?: string | number;
  signal?: AbortSignal;
}

/** The container calls of the Engine API (moby's client ContainerList, ContainerStop...). */
export class ContainersApi {
  constructor(private readonly http: EngineHttpClient) {}

  list(options: { all?: boolean; limit?: number; size?: boolean; filters?: FiltersJson } = {}): Promise<ContainerSummary[]> {
    return this.http.json("GET", "/containers/json", { query: { all: options.all || undefined, limit: options.limit, size: options.size || undefined, filters: options.filters } });
  }

  create(body: ContainerCreateBody, name?: string): Promise<ContainerCreateResponse> {
    return this.http.json("POST", "/containers/create", { query: { name }, body });
  }

  inspect(name: string): Promise<ContainerInspectResponse> {
    return this.http.json("GET", `${containerPath(name)}/json`);
  }

  async start(name: string): Promise<void> {
    await this.http.text("POST", `${containerPath(name)}/start`);
  }

  async stop(name: string, options: StopOptions = {}): Promise<void> {
    await this.http.text("POST", `${containerPath(name)}/stop`, { query: { ...options } });
  }

  async restart(name: string, options: StopOptions = {}): Promise<void> {
    await this.http.text("POST", `${containerPath(name)}/restart`, { query: { ...options } });
  }

  async kill(name: string, signal?: string): Promise<void> {
    await this.http.text("POST", `${containerPath(name)}/kill`, { query: { signal } });
  }

  async pause(name: string): Promise<void> {
    await this.http.text("POST", `${containerPath(name)}/pause`);
  }

  async unpause(name: string): Promise<void> {
    await this.http.text("POST", `${containerPath(name)}/unpause`);
  }

  async rename(name: string, newName: string): Promise<void> {
    await this.http.text("POST", `${containerPath(name)}/rename`, { query: { name: newName } });
  }

  async remove(name: string, options: { force?: boolean; volumes?: boolean } = {}): Promise<void> {
    await this.http.text("DELETE", containerPath(name), { query: { force: options.force || undefined, v: options.volumes || undefined } });
  }

  /** Answers when the condition is met: the container's exit, or its removal. */
  wait(name: string, options: { condition?: "next-exit" | "removed"; signal?: AbortSignal } = {}): Promise<ContainerWaitResponse> {
    return this.http.json("POST", `${containerPath(name)}/wait`, { query: { condition: options.condition }, signal: options.signal });
  }

  /** The container's streams, both ways, on the connection itself. */
  async attach(name: string, options: { stdin: boolean; detachKeys?: string; signal?: AbortSignal }): Promise<ByteStream> {
    const query = { stream: true, stdin: options.stdin, stdout: true, stderr: true, detachKeys: options.detachKeys };
    return (await this.http.hijack("POST", `${containerPath(name)}/attach`, { signal: options.signal, query })).stream;
  }

  async resize(name: string, size: { rows: number; cols: number }): Promise<void> {
    await this.http.text("POST", `${containerPath(name)}/resize`, { query: { h: size.rows, w: size.cols } });
  }

  /** Both streams; multiplexed (stdcopy frames) unless the container has a tty, as the head's content type says. */
  logs(name: string, options: LogsOptions = {}): Promise<{ head: ResponseHead; chunks: AsyncGenerator<Uint8Array> }> {
    const { signal, ...rest } = options;
    const query = { stdout: true, stderr: true, follow: rest.follow || undefined, since: rest.since, until: rest.until, timestamps: rest.timestamps || undefined, details: rest.details || undefined, tail: rest.tail };
    return this.http.stream("GET", `${containerPath(name)}/logs`, { query, signal });
  }

  /** One sample. */
  stats(name: string): Promise<ContainerStatsResponse> {
    return this.http.json("GET", `${containerPath(name)}/stats`, { query: { stream: false } });
  }

  /** A sample a second until `signal` aborts or the container stops. */
  async *statsStream(name: string, signal?: AbortSignal): AsyncGenerator<ContainerStatsResponse> {
    const { chunks } = await this.http.stream("GET", `${containerPath(name)}/stats`, { query: { stream: true }, signal });
    yield* jsonLines<ContainerStatsResponse>(chunks);
  }

  top(name: string, psArgs?: string): Promise<ContainerTopResponse> {
    return this.http.json("GET", `${containerPath(name)}/top`, { query: { ps_args: psArgs } });
  }

  prune(filters?: FiltersJson): Promise<ContainerPruneResponse> {
    return this.http.json("POST", "/containers/prune", { query: { filters } });
  }

  changes(name: string): Promise<ContainerChange[] | null> {
    return this.http.json("GET", `${containerPath(name)}/changes`);
  }

  /** `POST /commit`: the new image's ID. */
  async commit(name: string, options: { reference?: { repo: string; tag?: string }; comment?: string; author?: string; changes?: readonly string[]; pause?: boolean }): Promise<string> {
    const query = { container: name, repo: options.reference?.repo, tag: options.reference?.tag, comment: options.comment, author: options.author, changes: options.changes, pause: options.pause === false ? false : undefined };
    return (await this.http.json<{ Id: string }>("POST", "/commit", { query })).Id;
  }
}
