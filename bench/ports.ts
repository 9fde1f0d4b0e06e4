// A published port's throughput: an 8 MiB file served by busybox httpd in a container on the
// default bridge, fetched on this machine through `drydock daemon`'s listener (-p), and
// run-to-exit of busybox true on the default bridge vs --network none, from the official CLI.
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
await docker("rm", "-f", "site");
for (let i = 0; i < 3; i++) await timed("run", "--rm", "busybox", "true"); // JIT warm-up
const bridge: number[] = [];
const none: number[] = [];
for (let i = 0; i < SAMPLES * 2; i++) {
  bridge.push(await timed("run", "--rm", "busybox", "true"));
  none.push(await timed("run", "--rm", "--network", "none", "busybox", "true"));
}
await stopDaemon(daemon);
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ publishedMBps: 8.388608 / (median(fetchMs) / 1000), bridgeRunMs: median(bridge), noneRunMs: median(none) }));
process.exit(0);
