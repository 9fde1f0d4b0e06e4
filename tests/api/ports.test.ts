import { describe, expect, it } from "vitest";
import type { PortPublisher } from "../../src/engine/network/port-publisher";
import { fakeEngine } from "../support/fake-engine";

/** A publisher that records what is listened on, and refuses the ports it is told another program holds. */
function recorder(held: number[] = []) {
  const listening = new Set<string>();
  const publisher: PortPublisher = {
    async publish(ip, port) {
      if (held.includes(port)) throw new Error(`Error starting userland proxy: listen tcp4 ${ip}:${port}: bind: address already in use`);
      listening.add(`${ip}:${port}`);
      return { dispose: () => listening.delete(`${ip}:${port}`) };
    },
  };
  return { publisher, listening };
}

const sleeper = { sleep: (p: { ended: AbortSignal }) => new Promise<void>((resolve) => p.ended.addEventListener("abort", () => resolve())) };

describe("published ports", () => {
  it("binds a container's ports at start, shows them in inspect and the list, and frees them at exit", async () => {
    const { publisher, listening } = recorder();
    const engine = await fakeEngine({ programs: sleeper, ports: { publishers: [publisher] } });
    await engine.pull("busybox");
    const body = { Image: "busybox", Cmd: ["sleep", "60"], ExposedPorts: { "80/tcp": {}, "443/tcp": {} }, HostConfig: { PortBindings: { "80/tcp": [{ HostIp: "", HostPort: "8080" }] } } };
    const { Id } = (await engine.request("POST", "/containers/create?name=web", body)).json() as { Id: string };
    const created = (await engine.request("GET", "/containers/web/json")).json() as { HostConfig: { PortBindings: unknown }; NetworkSettings: { Ports: unknown }; Config: { ExposedPorts: unknown } };
    expect(created.HostConfig.PortBindings).toEqual({ "80/tcp": [{ HostIp: "", HostPort: "8080" }] });
    expect(created.Config.ExposedPorts).toEqual({ "80/tcp": {}, "443/tcp": {} });
    expect(created.NetworkSettings.Ports).toEqual({});

    expect((await engine.request("POST", "/containers/web/start")).status).toBe(204);
    expect([...listening]).toEqual(["0.0.0.0:8080"]);
    const running = (await engine.request("GET", "/containers/web/json")).json() as { NetworkSettings: { Ports: unknown } };
    expect(running.NetworkSettings.Ports).toEqual({ "80/tcp": [{ HostIp: "0.0.0.0", HostPort: "8080" }], "443/tcp": null });
    const list = (await engine.request("GET", "/containers/json")).json() as { Id: string; Ports: unknown[] }[];
    expect(list.find((c) => c.Id === Id)!.Ports).toEqual([{ IP: "0.0.0.0", PrivatePort: 80, PublicPort: 8080, Type: "tcp" }, { PrivatePort: 443, Type: "tcp" }]);

    // A second container on the same host port: Docker's words, and nothing of it stays bound.
    await engine.request("POST", "/containers/create?name=other", { ...body, HostConfig: { PortBindings: { "80/tcp": [{ HostPort: "9090" }], "81/tcp": [{ HostPort: "8080" }] } } });
    const taken = await engine.request("POST", "/containers/other/start");
    expect(taken.status).toBe(500);
    expect((taken.json() as { message: string }).message).toMatch(/^driver failed programming external connectivity on endpoint other \([0-9a-f]+\): Bind for 0\.0\.0\.0:8080 failed: port is already allocated$/);
    expect([...listening]).toEqual(["0.0.0.0:8080"]);
    expect(((await engine.request("GET", "/containers/other/json")).json() as { State: { Running: boolean } }).State.Running).toBe(false);

    expect((await engine.request("POST", "/containers/web/stop?t=0")).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect([...listening]).toEqual([]);
    expect(((await engine.request("GET", "/containers/web/json")).json() as { NetworkSettings: { Ports: unknown } }).NetworkSettings.Ports).toEqual({});
    // Free again: the other one starts now, and a restart of the first binds again... once the other has gone.
    expect((await engine.request("POST", "/containers/other/start")).status).toBe(204);
    expect([...listening].sort()).toEqual(["0.0.0.0:8080", "0.0.0.0:9090"]);
    await engine.request("POST", "/containers/other/stop?t=0");
    expect((await engine.request("POST", "/containers/web/start")).status).toBe(204);
    expect([...listening]).toEqual(["0.0.0.0:8080"]);
    // A restart binds the same ports again.
    expect((await engine.request("POST", "/containers/web/restart?t=0")).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect([...listening]).toEqual(["0.0.0.0:8080"]);
    expect(((await engine.request("GET", "/containers/web/json")).json() as { NetworkSettings: { Ports: unknown } }).NetworkSettings.Ports).toMatchObject({ "80/tcp": [{ HostIp: "0.0.0.0", HostPort: "8080" }] });
  });

  it("gives -p 80 and -P a free port of Docker's ephemeral range, and the default bind address is dockerd's --ip", async () => {
    const { publisher, listening } = recorder([32768]);
    const engine = await fakeEngine({ programs: sleeper, ports: { publishers: [publisher], defaultIp: "127.0.0.1" } });
    await engine.pull("busybox");
    await engine.request("POST", "/containers/create?name=a", { Image: "busybox", Cmd: ["sleep", "60"], ExposedPorts: { "3000/tcp": {} }, HostConfig: { PublishAllPorts: true, PortBindings: { "80/tcp": [{ HostIp: "", HostPort: "" }] } } });
    expect((await engine.request("POST", "/containers/a/start")).status).toBe(204);
    // 32768 is another program's: the next one is taken, as Docker retries.
    expect([...listening].sort()).toEqual(["127.0.0.1:32769", "127.0.0.1:32770"]);
    const ports = ((await engine.request("GET", "/containers/a/json")).json() as { NetworkSettings: { Ports: Record<string, { HostPort: string }[]> } }).NetworkSettings.Ports;
    expect(Object.keys(ports)).toEqual(["80/tcp", "3000/tcp"]);
  });

  it("fails the start with the proxy's words when another program holds the host port", async () => {
    const { publisher, listening } = recorder([8080]);
    const engine = await fakeEngine({ programs: sleeper, ports: { publishers: [publisher] } });
    await engine.pull("busybox");
    await engine.request("POST", "/containers/create?name=a", { Image: "busybox", Cmd: ["sleep", "60"], HostConfig: { PortBindings: { "80/tcp": [{ HostPort: "8081" }], "81/tcp": [{ HostPort: "8080" }] } } });
    const failed = await engine.request("POST", "/containers/a/start");
    expect((failed.json() as { message: string }).message).toMatch(/: Error starting userland proxy: listen tcp4 0\.0\.0\.0:8080: bind: address already in use$/);
    expect([...listening]).toEqual([]);
  });

  it("keeps the bindings of a host or none container but publishes nothing, warning for host as Docker does", async () => {
    const { publisher, listening } = recorder();
    const engine = await fakeEngine({ programs: sleeper, ports: { publishers: [publisher] } });
    await engine.pull("busybox");
    const host = await engine.request("POST", "/containers/create?name=h", { Image: "busybox", Cmd: ["sleep", "60"], HostConfig: { NetworkMode: "host", PortBindings: { "80/tcp": [{ HostPort: "8080" }] } } });
    expect((host.json() as { Warnings: string[] }).Warnings).toEqual(["Published ports are discarded when using host network mode"]);
    const none = await engine.request("POST", "/containers/create?name=n", { Image: "busybox", Cmd: ["sleep", "60"], HostConfig: { NetworkMode: "none", PortBindings: { "80/tcp": [{ HostPort: "8080" }] } } });
    expect((none.json() as { Warnings: string[] }).Warnings).toEqual([]);
    expect((await engine.request("POST", "/containers/h/start")).status).toBe(204);
    expect((await engine.request("POST", "/containers/n/start")).status).toBe(204);
    expect([...listening]).toEqual([]);
    expect(((await engine.request("GET", "/containers/h/json")).json() as { NetworkSettings: { Ports: unknown } }).NetworkSettings.Ports).toEqual({});
  });
});
