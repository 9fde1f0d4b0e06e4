import type { ByteStream } from "../../shared/byte-stream";
import type { ExecConfig, ExecInspectResponse, IdResponse } from "../../shared/engine-api/exec";
import type { EngineHttpClient } from "./engine-http-client";
import { containerPath } from "./paths";

/** The exec calls of the Engine API: create in a container, start (detached or attached), resize, inspect. */
export class ExecApi {
  constructor(private readonly http: EngineHttpClient) {}

  create(container: string, config: ExecConfig): Promise<IdResponse> {
    return this.http.json("POST", `${containerPath(container)}/exec`, { body: config });
  }

  async startDetached(id: string, options: { tty: boolean }): Promise<void> {
    await this.http.text("POST", `/exec/${id}/start`, { body: { Detach: true, Tty: options.tty } });
  }

  /** The process's streams, both ways, on the connection itself. */
  async startAttached(id: string, options: { tty: boolean; signal?: AbortSignal }): Promise<ByteStream> {
    return (await this.http.hijack("POST", `/exec/${id}/start`, { body: { Detach: false, Tty: options.tty }, signal: options.signal })).stream;
  }

  async resize(id: string, size: { rows: number; cols: number }): Promise<void> {
    await this.http.text("POST", `/exec/${id}/resize`, { query: { h: size.rows, w: size.cols } });
  }

  inspect(id: string): Promise<ExecInspectResponse> {
    return this.http.json("GET", `/exec/${id}/json`);
  }
}
