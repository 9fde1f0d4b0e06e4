// docker run -p, docker port and the PORTS column of Drydock's CLI over the fake runtime.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliOver } from "../../../../../tests/support/cli";
import { fakeEngine } from "../../../../../tests/support/fake-engine";
import type { PortPublisher } from "../../../network/port-publisher";

const publisher: PortPublisher = { publish: async () => ({ dispose: () => undefined }) };

async function setup() {
  const engine = await fakeEngine({ programs: { sleep: (p) => new Promise<void>((resolve) => p.ended.addEventListener("abort", () => resolve())) }, ports: { publishers: [publisher] } });
  await engine.pull("busybox");
  return cliOver(engine, mkdtempSync(join(tmpdir(), "drydock-config-")));
}

describe("published ports in Drydock's CLI", () => {
  it("publishes with -p, and docker port and docker ps show it as Docker does", async () => {
    const docker = await setup();
    expect((await docker(["run", "-d", "--name", "web", "-p", "8080:80", "-p", "127.0.0.1:9000-9001:90-91", "--expose", "443", "busybox", "sleep", "60"])).code).toBe(0);
    expect(await docker(["port", "web"])).toEqual({ code: 0, stdout: "80/tcp -> 0.0.0.0:8080\n90/tcp -> 127.0.0.1:9000\n91/tcp -> 127.0.0.1:9001\n", stderr: "" });
    expect(await docker(["port", "web", "80/tcp"])).toEqual({ code: 0, stdout: "0.0.0.0:8080\n", stderr: "" });
    expect(await docker(["port", "web", "443"])).toMatchObject({ code: 1, stderr: "Error: No public port '443' published for web\n" });
    expect((await docker(["ps", "--format", "{{.Ports}}"])).stdout).toBe("443/tcp, 0.0.0.0:8080->80/tcp, 127.0.0.1:9000->90/tcp, 127.0.0.1:9001->91/tcp\n");
  });

  it("refuses a bad spec and UDP before asking the daemon", async () => {
    const docker = await setup();
    expect(await docker(["run", "-p", "abc", "busybox", "true"])).toMatchObject({ code: 125, stderr: expect.stringMatching(/^docker: invalid containerPort: abc\n/) });
    expect(await docker(["run", "-p", "70000:80", "busybox", "true"])).toMatchObject({ code: 125, stderr: expect.stringMatching(/^docker: invalid hostPort: 70000\n/) });
    expect(await docker(["run", "-p", "53:53/udp", "busybox", "true"])).toMatchObject({ code: 125, stderr: expect.stringContaining("udp ports are not supported by Drydock yet") });
  });

  it("gives -P's exposed ports free host ports", async () => {
    const docker = await setup();
    expect((await docker(["run", "-d", "--name", "all", "-P", "--expose", "3000", "busybox", "sleep", "60"])).code).toBe(0);
    expect((await docker(["port", "all"])).stdout).toMatch(/^3000\/tcp -> 0\.0\.0\.0:(3276\d|327[7-9]\d)\n$/);
  });
});
