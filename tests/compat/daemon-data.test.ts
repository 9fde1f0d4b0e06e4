// What `drydock daemon` keeps in its data root, judged by the official docker CLI and raw API
// calls: a removal is durable once answered, names stay unique, one daemon per data root, and
// what a killed daemon left half-written is cleaned away. Each restart boots the real VM.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/node/paths";
import { request } from "../support/engine-server";
import { docker as dockerAt, hasDocker, startDaemon, stopDaemon } from "../support/node-daemon";

const dir = mkdtempSync(join(tmpdir(), "drydock-data-"));
const socket = join(dir, "docker.sock");
const dataRoot = join(dir, "data");
let daemon: ChildProcess | undefined;

const docker = (args: string[]) => dockerAt(socket, args);
const names = async () => (await docker(["ps", "-a", "--format", "{{.Names}}"])).stdout.split("\n").filter(Boolean).sort();
const restart = async (signal: NodeJS.Signals) => {
  await stopDaemon(daemon, signal);
  daemon = await startDaemon(socket, dataRoot);
};

/** `drydock daemon` expected to refuse to start: its exit code and what it said. */
function refusedDaemon(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, "bin", "drydock.js"), "daemon", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("exit", (code) => resolve({ code, stderr }));
  });
}

beforeAll(async () => {
  if (!hasDocker) return;
  daemon = await startDaemon(socket, dataRoot);
  expect((await docker(["pull", "-q", "busybox"])).code).toBe(0);
}, 90_000);

afterAll(async () => {
  await stopDaemon(daemon);
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasDocker)("drydock daemon's data root", () => {
  it("keeps removed containers removed across a restart, a clean one or a kill -9", async () => {
    for (const signal of ["SIGTERM", "SIGKILL"] as const) {
      const batch = [1, 2, 3, 4, 5].map((n) => `gone-${signal}-${n}`);
      for (const name of batch) expect((await docker(["run", "-d", "--name", name, "busybox", "sleep", "600"])).code).toBe(0);
      expect((await docker(["rm", "-f", ...batch])).code).toBe(0);
      await restart(signal);
      expect(await names()).toEqual([]);
    }
  });

  it("keeps containers removed right after they exit, and names unique, when many calls race", async () => {
    const body = { Image: "busybox", Cmd: ["true"] };
    await Promise.all(
      Array.from({ length: 15 }, async (_, n) => {
        const created = await request(socket, "POST", `/v1.47/containers/create?name=race${n}`, body);
        const id = (created.json() as { Id: string }).Id;
        expect((await request(socket, "POST", `/v1.47/containers/${id}/start`)).status).toBe(204);
        expect((await request(socket, "POST", `/v1.47/containers/${id}/wait`)).status).toBe(200);
        expect((await request(socket, "DELETE", `/v1.47/containers/${id}`)).status).toBe(204);
      }),
    );
    const same = await Promise.all(Array.from({ length: 6 }, () => request(socket, "POST", "/v1.47/containers/create?name=twin", body)));
    expect(same.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect((same.find((r) => r.status === 409)!.json() as { message: string }).message).toMatch(/^Conflict\. The container name "\/twin" is already in use by container "[0-9a-f]{64}"\./);
    await restart("SIGKILL");
    expect(await names()).toEqual(["twin"]);
    expect((await docker(["rm", "twin"])).code).toBe(0);
  });

  it("refuses a second daemon on a data root in use, and on a socket in use, leaving the first untouched", async () => {
    expect((await docker(["run", "-d", "--name", "first", "busybox", "sleep", "600"])).code).toBe(0);
    const sameRoot = await refusedDaemon(["--host", `unix://${join(dir, "second.sock")}`, "--data-root", dataRoot]);
    expect(sameRoot.code).toBe(1);
    expect(sameRoot.stderr).toContain(`the data root ${dataRoot} is in use: process with PID ${daemon!.pid} is still running`);
    const sameSocket = await refusedDaemon(["--host", `unix://${socket}`, "--data-root", join(dir, "other")]);
    expect(sameSocket.code).toBe(1);
    expect(sameSocket.stderr).toContain(`unix://${socket} is in use`);
    expect((await docker(["inspect", "-f", "{{.State.Status}}", "first"])).stdout).toBe("running\n");
    expect((await docker(["rm", "-f", "first"])).code).toBe(0);
  });

  it("takes over the data root of a killed daemon and deletes the blobs and records it left half-written", async () => {
    await stopDaemon(daemon, "SIGKILL");
    expect(existsSync(join(dataRoot, "daemon.pid"))).toBe(true);
    mkdirSync(join(dataRoot, "blobs", "sha256"), { recursive: true });
    const partials = [join(dataRoot, "blobs", "sha256", `${"ab".repeat(32)}.123.1.partial`), join(dataRoot, "records", "container%2Fx.json.123.1.partial")];
    for (const path of partials) writeFileSync(path, "half");
    daemon = await startDaemon(socket, dataRoot);
    expect(partials.filter((path) => existsSync(path))).toEqual([]);
    expect((await docker(["run", "--rm", "busybox", "true"])).code).toBe(0);
  });
});
