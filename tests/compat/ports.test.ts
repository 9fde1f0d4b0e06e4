// Published ports through `drydock daemon` (real VM behind), judged by the official docker CLI:
// -p binds a port on this machine whose connections reach the container's server, `docker port`
// and `docker ps` show it as Docker does, a taken port fails the start, a stop frees it.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docker as dockerAt, hasDocker, startDaemon, stopDaemon, until } from "../support/node-daemon";

const dir = mkdtempSync(join(tmpdir(), "drydock-ports-"));
const socket = join(dir, "docker.sock");
const dataRoot = join(dir, "data");
let daemon: ChildProcess | undefined;
const docker = (args: string[]) => dockerAt(socket, args);

/** A port nobody holds on this machine now, and whether one can be bound (freed) again. */
function bindable(port = 0): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(undefined));
    server.listen(port, "127.0.0.1", () => {
      const { port: bound } = server.address() as { port: number };
      server.close(() => resolve(bound));
    });
  });
}

const fetchText = async (url: string) => {
  try {
    return await (await fetch(url)).text();
  } catch {
    return undefined;
  }
};

beforeAll(async () => {
  daemon = await startDaemon(socket, dataRoot);
}, 90_000);

afterAll(async () => {
  await stopDaemon(daemon);
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasDocker)("published ports through the official docker CLI", () => {
  it("serves a container's httpd on this machine's port, shows it as Docker does, refuses a taken one, frees it at stop", async () => {
    const port = (await bindable())!;
    const serve = "mkdir /www && echo hi from web > /www/index.html && httpd -f -p 80 -h /www";
    expect((await docker(["run", "-d", "-p", `${port}:80`, "--name", "web", "busybox", "sh", "-c", serve])).code).toBe(0);
    let page: string | undefined;
    await until(async () => (page = await fetchText(`http://127.0.0.1:${port}/`)) !== undefined, 30_000);
    expect(page).toBe("hi from web\n");
    expect(await docker(["port", "web"])).toEqual({ code: 0, stdout: `80/tcp -> 0.0.0.0:${port}\n`, stderr: "" });
    expect((await docker(["port", "web", "80"])).stdout).toBe(`0.0.0.0:${port}\n`);
    expect((await docker(["ps", "--format", "{{.Ports}}", "--filter", "name=web"])).stdout).toBe(`0.0.0.0:${port}->80/tcp\n`);
    expect((await docker(["inspect", "-f", "{{json .NetworkSettings.Ports}}", "web"])).stdout).toBe(`{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"${port}"}]}\n`);

    const taken = await docker(["run", "-d", "-p", `${port}:80`, "--name", "second", "busybox", "sleep", "60"]);
    expect(taken.code).toBe(125);
    expect(taken.stderr).toMatch(new RegExp(`Bind for 0\\.0\\.0\\.0:${port} failed: port is already allocated`));

    expect((await docker(["stop", "-t", "1", "web"])).code).toBe(0);
    await until(async () => (await bindable(port)) === port, 10_000);
    expect((await docker(["start", "second"])).code).toBe(0);
    expect((await docker(["port", "second", "80/tcp"])).stdout).toBe(`0.0.0.0:${port}\n`);
    await docker(["rm", "-f", "second", "web"]);
  }, 180_000);

  it("refuses a bad spec and UDP in the CLI, and fails a start on a port another program holds", async () => {
    expect(await docker(["run", "-p", "abc", "busybox", "true"])).toMatchObject({ code: 125, stderr: expect.stringContaining("invalid containerPort: abc") });
    expect(await docker(["run", "-p", "70000:80", "busybox", "true"])).toMatchObject({ code: 125, stderr: expect.stringContaining("invalid hostPort: 70000") });
    const held = createServer();
    const port = await new Promise<number>((resolve) => held.listen(0, "0.0.0.0", () => resolve((held.address() as { port: number }).port)));
    try {
      const failed = await docker(["run", "-d", "-p", `${port}:80`, "busybox", "sleep", "60"]);
      expect(failed.code).toBe(125);
      expect(failed.stderr).toContain(`Error starting userland proxy: listen tcp4 0.0.0.0:${port}: bind: address already in use`);
    } finally {
      held.close();
    }
  }, 120_000);
});
