// Networks through `drydock daemon` (real VM behind), judged by the official docker CLI and
// dockerode: create, list, inspect, remove, prune, events, and the records kept across a restart.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docker as dockerAt, hasDocker, startDaemon, stopDaemon } from "../support/node-daemon";

const dir = mkdtempSync(join(tmpdir(), "drydock-networks-"));
const socket = join(dir, "docker.sock");
const dataRoot = join(dir, "data");
let daemon: ChildProcess | undefined;
const docker = (args: string[]) => dockerAt(socket, args);
const sdk = new Docker({ socketPath: socket });
const lines = (text: string) => text.split("\n").filter(Boolean);

beforeAll(async () => {
  daemon = await startDaemon(socket, dataRoot);
}, 90_000);

afterAll(async () => {
  await stopDaemon(daemon);
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasDocker)("networks through the official docker CLI", () => {
  it("creates, lists, inspects and removes user-defined bridges, in Docker's words when it refuses", async () => {
    const created = await docker(["network", "create", "--subnet", "10.44.0.0/16", "--gateway", "10.44.0.254", "--label", "app=shop", "shop"]);
    expect(created).toMatchObject({ code: 0, stdout: expect.stringMatching(/^[0-9a-f]{64}\n$/) });
    expect((await docker(["network", "create", "auto"])).code).toBe(0);
    const listed = await docker(["network", "ls", "--format", "{{.Name}} {{.Driver}} {{.Scope}}"]);
    expect(lines(listed.stdout)).toEqual(["auto bridge local", "bridge bridge local", "host host local", "none null local", "shop bridge local"]);
    const inspected = await docker(["network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}} {{.Labels}}", "shop", "auto"]);
    expect(lines(inspected.stdout)).toEqual(["10.44.0.0/16 10.44.0.254 map[app:shop]", "172.18.0.0/16 172.18.0.1 map[]"]);
    expect(await docker(["network", "create", "shop"])).toMatchObject({ code: 1, stderr: "Error response from daemon: network with name shop already exists\n" });
    expect(await docker(["network", "create", "--subnet", "10.44.3.0/24", "x"])).toMatchObject({ code: 1, stderr: "Error response from daemon: Pool overlaps with other one on this address space\n" });
    expect(await docker(["network", "rm", "none"])).toMatchObject({ code: 1, stderr: "Error response from daemon: none is a pre-defined network and cannot be removed\nexit status 1\n" });
    expect(await docker(["network", "connect", "shop", "web"])).toMatchObject({ code: 1, stderr: "Error response from daemon: No such container: web\n" });
    expect(await docker(["network", "rm", "auto"])).toEqual({ code: 0, stdout: "auto\n", stderr: "" });
    const events = await docker(["events", "--since", "0", "--until", String(Math.ceil(Date.now() / 1000)), "--filter", "type=network", "--format", "{{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.type}}"]);
    expect(lines(events.stdout)).toEqual(["create shop bridge", "create auto bridge", "destroy auto bridge"]);
  });

  it("puts containers on the default bridge, docker0's 172.17.0.0/16, where they reach each other by address", async () => {
    expect((await docker(["run", "-d", "--name", "b1", "busybox", "sh", "-c", "echo from b1 | nc -l -p 7000"])).code).toBe(0);
    const address = (await docker(["inspect", "-f", "{{.NetworkSettings.Networks.bridge.IPAddress}} {{.NetworkSettings.Networks.bridge.Gateway}}", "b1"])).stdout.trim();
    expect(address).toMatch(/^172\.17\.0\.\d+ 172\.17\.0\.1$/);
    const reached = await docker(["run", "--rm", "busybox", "sh", "-c", `ip route | grep -o 'default via [0-9.]*'; nc ${address.split(" ")[0]} 7000 </dev/null`]);
    expect(reached.stdout).toBe("default via 172.17.0.1\nfrom b1\n");
    expect((await docker(["run", "--rm", "--network", "none", "busybox", "sh", "-c", "ls /sys/class/net"])).stdout).toBe("lo\n");
    await docker(["rm", "-f", "b1"]);
  }, 60_000);

  it("runs containers on a user-defined network that reach each other by address, and no one else does", async () => {
    expect((await docker(["network", "create", "app"])).code).toBe(0);
    const web = await docker(["run", "-d", "--network", "app", "--name", "web", "busybox", "sh", "-c", "mkdir /www && echo hello from web > /www/index.html && httpd -f -p 80 -h /www"]);
    expect(web.code, web.stderr).toBe(0);
    const address = (await docker(["inspect", "-f", "{{.NetworkSettings.Networks.app.IPAddress}}", "web"])).stdout.trim();
    expect(address).toMatch(/^172\.\d+\.0\.2$/);
    const client = await docker(["run", "--rm", "--network", "app", "busybox", "sh", "-c", `ip -4 addr show eth0 | grep -o 'inet [0-9./]*'; wget -qO- http://${address}/`]);
    expect(client.stdout).toMatch(new RegExp(`^inet ${address.replace(/\.2$/, "").replaceAll(".", "\\.")}\\.3/16\nhello from web\n$`));
    // A container that is not on the network has no way to it.
    expect((await docker(["run", "--rm", "busybox", "sh", "-c", `nc -w 2 ${address} 80 </dev/null && echo reached || echo unreachable`])).stdout).toContain("unreachable");
    expect((await docker(["network", "inspect", "-f", "{{range .Containers}}{{.Name}} {{.IPv4Address}}{{end}}", "app"])).stdout).toBe(`web ${address}/16\n`);
    const busy = await docker(["network", "rm", "app"]);
    expect(busy.stderr).toMatch(/^Error response from daemon: error while removing network: network app id [0-9a-f]{64} has active endpoints\n/);
    await docker(["rm", "-f", "web"]);
    expect(await docker(["network", "rm", "app"])).toMatchObject({ code: 0, stdout: "app\n" });
  }, 60_000);

  it("resolves names, aliases and --link on a user-defined network through 127.0.0.11, none on the default bridge, and writes --add-host and --ip", async () => {
    expect((await docker(["network", "create", "--subnet", "10.66.0.0/24", "names"])).code).toBe(0);
    const db = await docker(["run", "-d", "--network", "names", "--name", "db", "--network-alias", "database", "busybox", "sh", "-c", "mkdir /www && echo hello from db > /www/index.html && httpd -f -p 80 -h /www"]);
    expect(db.code, db.stderr).toBe(0);
    const client = await docker([
      "run", "--rm", "--network", "names", "--link", "db:store", "busybox", "sh", "-c",
      "grep nameserver /etc/resolv.conf; wget -qO- http://db/; wget -qO- http://database/; wget -qO- http://db.names/; wget -qO- http://store/; nslookup nothere 2>&1 | grep -o NXDOMAIN | head -1; ping -c1 -W1 nothere 2>&1",
    ]);
    expect(client.stdout).toBe("nameserver 127.0.0.11\nhello from db\nhello from db\nhello from db\nhello from db\nNXDOMAIN\nping: bad address 'nothere'\n");
    const names = await docker(["inspect", "-f", "{{json .NetworkSettings.Networks.names.Aliases}} {{len .NetworkSettings.Networks.names.DNSNames}}", "db"]);
    expect(names.stdout).toBe('["database"] 3\n');
    // The default bridge has no names: a name there is only what /etc/hosts says (--link, --add-host).
    expect((await docker(["run", "-d", "--name", "plain", "busybox", "sleep", "60"])).code).toBe(0);
    expect((await docker(["run", "--rm", "busybox", "sh", "-c", "ping -c1 -W1 plain 2>&1; nslookup plain | grep -o 'NXDOMAIN' | head -1"])).stdout).toBe("ping: bad address 'plain'\nNXDOMAIN\n");
    const bridge = await docker(["run", "--rm", "--link", "plain:peer", "--add-host", "gw:host-gateway", "--add-host", "api:10.1.2.3", "busybox", "sh", "-c", "grep -v ip6 /etc/hosts | cut -f2 | cut -d' ' -f1,3; grep -c 8.8.8.8 /etc/resolv.conf; ping -c1 -W1 peer | head -1"]);
    expect(bridge.stdout).toMatch(/^localhost\ngw\napi\npeer plain\n[0-9a-f]{12}\n1\nPING peer \(172\.17\.0\.\d+\)/);
    expect((await docker(["run", "--rm", "--add-host", "x", "busybox", "true"])).stderr).toContain('bad format for add-host: "x"');
    const fixed = await docker(["run", "--rm", "--network", "names", "--ip", "10.66.0.77", "busybox", "sh", "-c", "ip -4 addr show eth0 | grep -o 'inet [0-9./]*'"]);
    expect(fixed.stdout).toBe("inet 10.66.0.77/24\n");
    expect(await docker(["run", "--rm", "--ip", "172.17.0.77", "busybox", "true"])).toMatchObject({ code: 125, stderr: expect.stringContaining("user specified IP address is supported on user defined networks only") });
    expect(await docker(["run", "--rm", "--network-alias", "x", "busybox", "true"])).toMatchObject({ code: 125, stderr: "docker: network-scoped aliases are only supported for user-defined networks\n\nRun 'docker run --help' for more information\n" });
    await docker(["rm", "-f", "db", "plain"]);
    expect((await docker(["network", "rm", "names"])).code).toBe(0);
  }, 90_000);

  it("connects a running container to a second network, where it reaches that network's containers by name, and disconnects it", async () => {
    expect((await docker(["network", "create", "front"])).code).toBe(0);
    expect((await docker(["network", "create", "back"])).code).toBe(0);
    const db = await docker(["run", "-d", "--network", "back", "--name", "store", "busybox", "sh", "-c", "mkdir /www && echo hello from store > /www/index.html && httpd -f -p 80 -h /www"]);
    expect(db.code, db.stderr).toBe(0);
    expect((await docker(["run", "-d", "--network", "front", "--name", "app", "busybox", "sleep", "300"])).code).toBe(0);
    const before = await docker(["exec", "app", "sh", "-c", "ping -c 1 -W 1 store 2>&1; ls /sys/class/net"]);
    expect(before.stdout).toBe("ping: bad address 'store'\neth0\nlo\n");
    expect(await docker(["network", "connect", "--alias", "application", "back", "app"])).toEqual({ code: 0, stdout: "", stderr: "" });
    const after = await docker(["exec", "app", "sh", "-c", "wget -qO- http://store/; ip -4 route | grep -c default"]);
    expect(after.stdout).toBe("hello from store\n1\n");
    expect((await docker(["exec", "store", "ping", "-c", "1", "application"])).stdout).toMatch(/^PING application \(172\.\d+\.0\.3\)/);
    expect((await docker(["inspect", "-f", "{{range $name, $n := .NetworkSettings.Networks}}{{$name}} {{end}}", "app"])).stdout).toBe("back front \n");
    expect(await docker(["network", "connect", "back", "app"])).toMatchObject({ code: 1, stderr: "Error response from daemon: endpoint with name app already exists in network back\n" });
    expect((await docker(["network", "disconnect", "back", "app"])).code).toBe(0);
    expect((await docker(["exec", "app", "ls", "/sys/class/net"])).stdout).toBe("eth0\nlo\n");
    const stray = await docker(["network", "disconnect", "back", "app"]);
    expect(stray.stderr).toMatch(/^Error response from daemon: container [0-9a-f]{64} is not connected to network back\n/);
    // A stopped container connected is on both networks from its next start.
    expect((await docker(["create", "--network", "front", "--name", "late", "busybox", "sleep", "300"])).code).toBe(0);
    expect((await docker(["network", "connect", "back", "late"])).code).toBe(0);
    expect((await docker(["start", "late"])).code).toBe(0);
    expect((await docker(["exec", "late", "sh", "-c", "wget -qO- http://store/; ls /sys/class/net"])).stdout).toBe("hello from store\neth0\neth1\nlo\n");
    await docker(["rm", "-f", "app", "store", "late"]);
    expect((await docker(["network", "rm", "front", "back"])).code).toBe(0);
    // Nothing left in the Docker host: no veth of theirs, no bridge of those networks.
    const links = await docker(["run", "--rm", "--network", "host", "busybox", "ip", "-o", "link"]);
    expect(links.stdout).not.toMatch(/veth|br-/);
  }, 90_000);

  it("keeps the networks, their IDs and the built-in ones' across a daemon restart", async () => {
    const before = (await docker(["network", "ls", "--no-trunc", "--format", "{{.ID}} {{.Name}}"])).stdout;
    await stopDaemon(daemon);
    daemon = await startDaemon(socket, dataRoot);
    expect((await docker(["network", "ls", "--no-trunc", "--format", "{{.ID}} {{.Name}}"])).stdout).toBe(before);
    expect((await docker(["network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}}{{end}}", "shop"])).stdout).toBe("10.44.0.0/16\n");
    // A subnet chosen after the restart does not take one a kept network has.
    expect((await docker(["network", "create", "--subnet", "10.44.9.0/24", "y"])).code).toBe(1);
  }, 120_000);
});

describe("networks through dockerode", () => {
  it("creates, lists with filters, inspects, prunes, and connects", async () => {
    const network = await sdk.createNetwork({ Name: "sdk-net", Labels: { team: "a" }, IPAM: { Config: [{ Subnet: "10.55.0.0/24", IPRange: "10.55.0.128/25" }] } });
    expect(network.id).toMatch(/^[0-9a-f]{64}$/);
    const info = (await network.inspect()) as { Name: string; Driver: string; IPAM: { Config: object[] }; Containers: object };
    expect(info).toMatchObject({ Name: "sdk-net", Driver: "bridge", IPAM: { Driver: "default", Config: [{ Subnet: "10.55.0.0/24", IPRange: "10.55.0.128/25", Gateway: "10.55.0.128" }] }, Containers: {} });
    const custom = await sdk.listNetworks({ filters: { type: ["custom"], label: ["team=a"] } });
    expect(custom.map((n) => n.Name)).toEqual(["sdk-net"]);
    await expect(sdk.getNetwork("sdk-net").connect({ Container: "nothing" })).rejects.toMatchObject({ statusCode: 404, json: { message: "No such container: nothing" } });
    // A running container joins it at once, with its alias and the address asked for, and leaves it.
    await new Promise<void>((resolve, reject) =>
      sdk.pull("busybox", (error: Error | null, stream: NodeJS.ReadableStream) => (error ? reject(error) : sdk.modem.followProgress(stream, (failed: Error | null) => (failed ? reject(failed) : resolve())))),
    );
    const box = await sdk.createContainer({ Image: "busybox", Cmd: ["sleep", "300"], name: "sdk-box" });
    await box.start();
    await sdk.getNetwork("sdk-net").connect({ Container: "sdk-box", EndpointConfig: { Aliases: ["boxy"], IPAMConfig: { IPv4Address: "10.55.0.200" } } });
    const joined = (await box.inspect()).NetworkSettings.Networks;
    expect(Object.keys(joined)).toEqual(["bridge", "sdk-net"]);
    expect(joined["sdk-net"]).toMatchObject({ IPAddress: "10.55.0.200", IPPrefixLen: 24, Aliases: ["boxy"], DNSNames: ["sdk-box", "boxy", box.id.slice(0, 12)] });
    const inside = await box.exec({ Cmd: ["sh", "-c", "ip -4 -o addr show eth1 | grep -o 'inet [0-9./]*'"], AttachStdout: true });
    const stream = await inside.start({});
    const output = await new Promise<string>((resolve) => {
      let text = "";
      stream.on("data", (chunk: Buffer) => (text += chunk.toString("latin1")));
      stream.on("end", () => resolve(text));
    });
    expect(output).toContain("inet 10.55.0.200/24");
    await sdk.getNetwork("sdk-net").disconnect({ Container: "sdk-box" });
    expect(Object.keys((await box.inspect()).NetworkSettings.Networks)).toEqual(["bridge"]);
    await box.remove({ force: true });
    await expect(sdk.getNetwork("host").remove()).rejects.toMatchObject({ statusCode: 403, json: { message: "host is a pre-defined network and cannot be removed" } });
    const pruned = (await sdk.pruneNetworks({ filters: { label: ["team=a"] } })) as { NetworksDeleted: string[] };
    expect(pruned.NetworksDeleted).toEqual(["sdk-net"]);
    await expect(sdk.getNetwork("sdk-net").inspect()).rejects.toMatchObject({ statusCode: 404, json: { message: "network sdk-net not found" } });
  });
});
