import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveConnection } from "../../src/engine/api/http/server";
import type { ApiTap } from "../../src/engine/api/tap/api-tap";
import { tapConnection } from "../../src/engine/api/tap/tap-connection";
import { createEngine, type Engine } from "../../src/engine/engine";
import type { Machine } from "../../src/engine/machine/machine";
import { MemoryBlobStore } from "../../src/engine/storage/blob-store";
import { MemoryKvStore } from "../../src/engine/storage/kv-store";
import { FsImageSource } from "../../src/node/fs-image-source";
import { IMAGES_DIR } from "../../src/node/paths";
import { socketStream } from "../../src/node/socket-stream";
import { startMachine } from "../../src/node/start-machine";

export interface EngineServer {
  machine: Machine;
  engine: Engine;
  /** The UNIX socket's path (for DOCKER_HOST=unix://...). */
  socket: string;
  stop(): Promise<void>;
}

/** The engine on the real VM, serving the Engine API on a UNIX socket in this process; `tap` hears every exchange. */
export async function startEngineServer(options: { tap?: ApiTap } = {}): Promise<EngineServer> {
  const machine = await startMachine({ idle: false });
  const engine = await createEngine({ machine, images: new FsImageSource(IMAGES_DIR), blobs: new MemoryBlobStore(), kv: new MemoryKvStore(), tap: options.tap });
  const dir = mkdtempSync(join(tmpdir(), "drydock-api-"));
  const socket = join(dir, "docker.sock");
  const server: Server = createServer({ allowHalfOpen: true }, (s) => void serveConnection(tapConnection(socketStream(s), "Node socket", options.tap), engine.handle));
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return {
    machine,
    engine,
    socket,
    stop: async () => {
      server.close();
      await machine.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One HTTP request over the socket: the status, headers and body as text. */
export async function request(socket: string, method: string, path: string, body?: unknown): Promise<{ status: number; headers: Record<string, string>; text: string; json: () => unknown }> {
  const http = await import("node:http");
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const req = http.request({ socketPath: socket, method, path, headers: payload ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, text, json: () => JSON.parse(text) as unknown });
      });
    });
    req.on("error", reject);
    if (payload) req.write(payload);
    req.end();
  });
}
