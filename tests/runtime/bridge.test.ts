// Bridge networking on the real VM: each container's endpoint a veth pair from a bridge in the
// guest to its eth0, made by drydock-agent over rtnetlink, and nothing of it left behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BridgeEndpoint, RuntimeProcess } from "../../src/engine/runtime/runtime";
import { collect, containerId, runContainer, runtimeFixture, type RuntimeFixture } from "./helpers";

let f: RuntimeFixture;
beforeAll(async () => {
  f = await runtimeFixture();
}, 60_000);
afterAll(() => f?.machine.stop());

const PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const guest = async (command: string) => (await f.machine.run(command)).output.trim();
/** The guest's network devices but lo. */
const links = async () => (await guest("ls /sys/class/net")).split(/\s+/).filter((name) => name && name !== "lo");

/** Docker's default bridge network, an address on it, and its MAC derived from the address. */
function docker0(host: number, internal?: boolean): BridgeEndpoint {
  return { bridge: "docker0", gateway: "172.17.0.1/16", address: `172.17.0.${host}/16`, mac: `02:42:ac:11:00:${host.toString(16).padStart(2, "0")}`, ...(internal ? { internal } : {}) };
}
const other: BridgeEndpoint = { bridge: "br-0123456789ab", gateway: "172.18.0.1/16", address: "172.18.0.2/16", mac: "02:42:ac:12:00:02" };

/** A container started with a shell script; its output and its id. */
async function started(network: BridgeEndpoint, script: string): Promise<{ id: string; process: RuntimeProcess; output: ReturnType<typeof collect> }> {
  const id = containerId();
  await f.runtime.create({ id, layers: [f.busybox] });
  const process = await f.runtime.start(id, { args: ["sh", "-c", script], env: [PATH], network });
  return { id, process, output: collect(process) };
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("a container on a bridge network", () => {
  it("has eth0 with its address and MAC, a default route via the gateway, and its address in /etc/hosts", async () => {
    const result = await runContainer(f, { args: ["sh", "-c", "ip -o addr show eth0; ip -o link show eth0; ip route; ip -o link | cut -d: -f2; tail -n 1 /etc/hosts"], network: docker0(2), hostname: "box" });
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0");
    expect(result.stdout).toMatch(/eth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP[,A-Z-]*>.* link\/ether 02:42:ac:11:00:02 /);
    expect(result.stdout).toMatch(/^default via 172\.17\.0\.1 dev eth0 *$/m);
    expect(result.stdout).toMatch(/^172\.17\.0\.0\/16 dev eth0 scope link {2}src 172\.17\.0\.2 *$/m);
    expect(result.stdout).toMatch(/^ lo\n eth0@if\d+\n/m);
    expect(result.stdout.trim().split("\n").pop()).toBe("172.17.0.2\tbox");
    expect(result.exitCode).toBe(0);
    // The bridge the start made, with the gateway's address; the pair went with the container.
    expect(await guest("ip -o addr show docker0")).toContain("inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0");
    expect((await links()).filter((name) => name.startsWith("veth"))).toEqual([]);
  });

  it("reaches another container on its bridge by IP (ping, TCP), and the guest reaches both; a container on another bridge reaches neither", async () => {
    const server = await started(docker0(2), "echo from-a > /tmp/reply; while true; do nc -l -p 8080 < /tmp/reply; done");
    const peer = await started(docker0(3), "sleep 300");
    try {
    const [bridgePorts, guestPing] = [await guest("ls /sys/class/net/docker0/brif"), await guest("ping -c 1 -W 2 172.17.0.3 >/dev/null && echo ok")];
    expect(bridgePorts.split(/\s+/)).toHaveLength(2);
    expect(guestPing).toBe("ok");

    const inPeer = async (script: string) => {
      const exec = await f.runtime.exec(peer.id, { args: ["sh", "-c", script], env: [PATH] });
      const output = collect(exec);
      const { exitCode } = await exec.wait();
      return { exitCode, stdout: output.stdout() };
    };
    expect(await inPeer("ping -c 1 -W 2 172.17.0.2")).toMatchObject({ exitCode: 0 });
    // nc listens a moment after the container starts: try until it answers.
    let reply = "";
    await waitFor(async () => (reply = (await inPeer("nc -w 2 172.17.0.2 8080 </dev/null")).stdout) === "from-a\n");
    expect(reply).toBe("from-a\n");

    // The engine's connections from the guest reach a container by its address too (once nc
    // listens again).
    let connection: Awaited<ReturnType<typeof f.runtime.connect>> | undefined;
    await waitFor(async () => (connection = await f.runtime.connect("172.17.0.2", 8080).catch(() => undefined)) !== undefined);
    if (!connection) throw new Error("no connection");
    let received = "";
    connection.onData((bytes) => void (received += new TextDecoder().decode(bytes)));
    connection.end();
    await connection.closed();
    expect(received).toBe("from-a\n");

    // Another bridge: no route between them (the guest forwards nothing).
    const stranger = await runContainer(f, {
      args: ["sh", "-c", "ping -c 1 -W 1 172.17.0.2 >/dev/null; echo ping $?; nc -w 1 172.17.0.2 8080 </dev/null; echo nc $?; ip -o addr show eth0 | grep -o 'inet [^ ]*'"],
      network: other,
    });
    expect(stranger.stdout).toBe("ping 1\nnc 1\ninet 172.18.0.2/16\n");
    } finally {
      for (const c of [server, peer]) await f.runtime.remove(c.id);
    }
    await Promise.all([server.process.wait(), peer.process.wait()]);
    expect((await links()).filter((name) => name.startsWith("veth"))).toEqual([]);
    expect(await guest("ls /sys/class/net/docker0/brif | wc -l")).toBe("0");
  });

  it("has no default route when internal", async () => {
    const result = await runContainer(f, { args: ["ip", "route"], network: docker0(4, true) });
    expect(result.stdout.trim()).toMatch(/^172\.17\.0\.0\/16 dev eth0 scope link {2}src 172\.17\.0\.4$/);
  });

  it("refuses a bad endpoint before anything is made, and a start that fails half-way leaves nothing behind", async () => {
    const before = await links();
    const id = containerId();
    await f.runtime.create({ id, layers: [f.busybox] });
    try {
      const start = (network: BridgeEndpoint) => f.runtime.start(id, { args: ["true"], env: [PATH], network });
      await expect(start({ ...docker0(5), address: "172.17.0.300/16" })).rejects.toMatchObject({
        kind: "InvalidParameter",
        message: 'invalid address "172.17.0.300/16": an IPv4 address with a prefix length, e.g. 172.17.0.2/16',
      });
      await expect(start({ ...docker0(5), bridge: "lo" })).rejects.toMatchObject({ kind: "InvalidParameter", message: "failed to set up container networking: lo is not a bridge" });
      // The gateway is not on the container's subnet: the bridge, the pair and the address are
      // made, the default route is refused, and all of it goes.
      await expect(start({ bridge: "br-halfway", gateway: "172.20.0.1/16", address: "172.21.0.2/16", mac: "02:42:ac:15:00:02" })).rejects.toMatchObject({
        kind: "InvalidParameter",
        message: "failed to set up container networking: adding the default route via 172.20.0.1: network is unreachable",
      });
      // A command that does not exist: the process fails after its endpoint was made.
      await expect(f.runtime.start(id, { args: ["nosuch"], env: [PATH], network: docker0(5) })).rejects.toMatchObject({ exitCode: 127 });
      expect(await links()).toEqual(before);
      // And the container starts on the bridge after all that.
      const process = await f.runtime.start(id, { args: ["sh", "-c", "ip -o addr show eth0 | grep -o 'inet [^ ]*'"], env: [PATH], network: docker0(5) });
      const output = collect(process);
      expect((await process.wait()).exitCode).toBe(0);
      expect(output.stdout()).toBe("inet 172.17.0.5/16\n");
    } finally {
      await f.runtime.remove(id);
    }
    expect(await links()).toEqual(before);
  });

  it("keeps no veth once the first process has exited (a helper deletes it), before the container is removed; restarts with the same address", async () => {
    const id = containerId();
    await f.runtime.create({ id, layers: [f.busybox] });
    for (let run = 0; run < 2; run++) {
      const process = await f.runtime.start(id, { args: ["sh", "-c", "sleep 300 & ip -o addr show eth0 | grep -o 'inet [^ ]*'"], env: [PATH], network: docker0(6) });
      const output = collect(process);
      expect((await process.wait()).exitCode).toBe(0);
      expect(output.stdout()).toBe("inet 172.17.0.6/16\n");
      await waitFor(async () => (await links()).every((name) => !name.startsWith("veth")));
    }
    await f.runtime.remove(id);
  });

  it("leaves no veth when the agent dies: the new agent deletes its predecessor's pairs", async () => {
    const id = containerId();
    await f.runtime.create({ id, layers: [f.busybox] });
    const process = await f.runtime.start(id, { args: ["sleep", "60"], env: [PATH], network: docker0(7) });
    expect((await links()).filter((name) => name.startsWith("veth"))).toHaveLength(1);
    await f.machine.run("kill -9 $(pidof agent)");
    await expect(process.wait()).rejects.toThrow("the guest's agent restarted");
    // The new agent retires what it finds before it says hello.
    expect(await f.machine.agent.request({ op: "hello" })).toMatchObject({ protocol: "1" });
    expect((await links()).filter((name) => name.startsWith("veth"))).toEqual([]);
    expect(await links()).toContain("docker0");
  });

  it("removes a bridge with its address; a bridge that is not there, or a device that is not a bridge, as Docker would", async () => {
    await runContainer(f, { args: ["true"], network: other });
    expect(await links()).toContain("br-0123456789ab");
    await f.runtime.removeBridge("br-0123456789ab");
    expect(await links()).not.toContain("br-0123456789ab");
    await f.runtime.removeBridge("br-0123456789ab");
    await expect(f.runtime.removeBridge("lo")).rejects.toMatchObject({ kind: "InvalidParameter", message: "lo is not a bridge" });
    await expect(f.runtime.removeBridge("../x")).rejects.toMatchObject({ kind: "InvalidParameter" });
    await f.runtime.removeBridge("docker0");
    expect(await links()).toEqual([]);
    expect(await guest("cat /proc/sys/net/ipv4/ip_forward")).toBe("0");
  });
});
