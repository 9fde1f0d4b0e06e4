// A published port's throughput: an 8 MiB file served by busybox httpd in a container on the
// default bridge, fetched on this machine through `drydock daemon`'s listener (-p) and in the
// guest (a container on the host's network, as the guest's shell would); run-to-exit of busybox
// true on the default bridge vs --network none, from the official CLI; ping's round trip between
// two containers on a user-defined network, and a name looked up there (the embedded DNS server).
// Prints one JSON line.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { docker as dockerAt, startDaemon, stopDaemon, until } from "../tests/support/node-daemon";

const SAMPLES = 5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const dir = mkdtempSync(join(tmpdir(), "drydock-bench-ports-"));
const socket = join(dir, "docker.sock");
const daemon = await startDaemon(socket, join(dir, "data"));
const docker = async (...args: string[]) => {
  const result = await dockerAt(socket, args);
  if (result.code !== 0) throw new Error(`docker ${args.join(" ")}: ${result.stderr}`);
  return result;
};
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
const timed = (...args: string[]) =>
  new Promise<number>((resolve, reject) => {
    const t0 = performance.now();
    execFile("docker", ["-H", `unix://${socket}`, ...args], (error) => (error ? reject(error) : resolve(performance.now() - t0)));
  });

await docker("pull", "busybox");
const port = await freePort();
await docker("run", "-d", "--name", "site", "-p", `127.0.0.1:${port}:80`, "busybox", "sh", "-c", "mkdir /www && head -c 8388608 /dev/zero > /www/big && httpd -f -p 80 -h /www");
await until(async () => (await fetch(`http://127.0.0.1:${port}/big`, { method: "HEAD" }).catch(() => undefined))?.ok === true);
const fetchMs: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  const t0 = performance.now();
  const bytes = (await (await fetch(`http://127.0.0.1:${port}/big`)).arrayBuffer()).byteLength;
  if (bytes !== 8388608) throw new Error(`fetched ${bytes} bytes`);
  fetchMs.push(performance.now() - t0);
}
// busybox's `time` prints "real 0m 1.23s" on stderr.
const seconds = (text: string) => Number(/real\s+(\d+)m\s*([\d.]+)s/.exec(text)?.slice(1).reduce((m, s) => String(Number(m) * 60 + Number(s))) ?? NaN);
const guestMs: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  const timedWget = await docker("run", "--rm", "--network", "host", "busybox", "sh", "-c", `time wget -qO /dev/null http://127.0.0.1:${port}/big`);
  guestMs.push(seconds(timedWget.stderr) * 1000);
}
await docker("rm", "-f", "site");
await docker("network", "create", "bench");
await docker("run", "-d", "--name", "peer", "--network", "bench", "busybox", "sleep", "600");
const ping = await docker("run", "--rm", "--network", "bench", "busybox", "ping", "-c", "10", "peer");
const rttMs = Number(/round-trip min\/avg\/max = [\d.]+\/([\d.]+)\//.exec(ping.stdout)?.[1]);
const LOOKUPS = 20;
const lookups = await docker("run", "--rm", "--network", "bench", "busybox", "sh", "-c", `time sh -c 'for i in $(seq ${LOOKUPS}); do nslookup peer >/dev/null; done'`);
const lookupMs = (seconds(lookups.stderr) * 1000) / LOOKUPS;
await docker("rm", "-f", "peer");
await docker("network", "rm", "bench");
for (let i = 0; i < 3; i++) await timed("run", "--rm", "busybox", "true"); // JIT warm-up
const bridge: number[] = [];
const none: number[] = [];
for (let i = 0; i < SAMPLES * 2; i++) {
  bridge.push(await timed("run", "--rm", "busybox", "true"));
  none.push(await timed("run", "--rm", "--network", "none", "busybox", "true"));
}
await stopDaemon(daemon);
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    publishedMBps: 8.388608 / (median(fetchMs) / 1000),
    publishedInGuestMBps: 8.388608 / (median(guestMs) / 1000),
    bridgeRunMs: median(bridge),
    noneRunMs: median(none),
    pingRttMs: rttMs,
    nslookupMs: lookupMs,
  }),
);
process.exit(0);
