// The daemon's figures through its UNIX socket, with the real VM: the docker CLI's
// `run --rm hello-world` (image present) and `ps`, pull throughput from the built-in hub, and
// container-list requests per second. Prints one JSON line.
import { execFile } from "node:child_process";
import http from "node:http";
import { request, startEngineServer } from "../tests/support/engine-server";

const SAMPLES = 20;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const server = await startEngineServer();

const docker = (...args: string[]) =>
  new Promise<number>((resolve, reject) => {
    const t0 = performance.now();
    execFile("docker", ["-H", `unix://${server.socket}`, ...args], (error) => (error ? reject(error) : resolve(performance.now() - t0)));
  });

// Pull: the busybox image's compressed layer, fetched from the hub, verified and unpacked.
const t0 = performance.now();
const pulled = await request(server.socket, "POST", "/images/create?fromImage=busybox&tag=latest");
const pullSeconds = (performance.now() - t0) / 1000;
if (!pulled.text.includes("Downloaded newer image")) throw new Error(pulled.text);
const layerBytes = (await server.engine.daemon.images.inspect("busybox")).layers.reduce((n, l) => n + l.size, 0);
await request(server.socket, "POST", "/images/create?fromImage=hello-world&tag=latest");

for (let i = 0; i < 3; i++) await docker("run", "--rm", "hello-world"); // JIT warm-up
const run: number[] = [];
const ps: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  run.push(await docker("run", "--rm", "hello-world"));
  ps.push(await docker("ps"));
}
const version: number[] = [];
for (let i = 0; i < SAMPLES; i++) version.push(await docker("version"));

// Requests per second: GET /containers/json on one keep-alive connection, for 2 s.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const get = () =>
  new Promise<void>((resolve, reject) => {
    http.get({ socketPath: server.socket, path: "/v1.47/containers/json?all=1", agent }, (res) => res.resume().on("end", resolve)).on("error", reject);
  });
let requests = 0;
const until = performance.now() + 2000;
while (performance.now() < until) {
  await get();
  requests++;
}
agent.destroy();
await server.stop();

console.log(
  JSON.stringify({
    runHelloWorldMs: median(run),
    psMs: median(ps),
    versionMs: median(version),
    pullMBps: layerBytes / 1e6 / pullSeconds,
    pullMs: pullSeconds * 1000,
    listRequestsPerSecond: requests / 2,
  }),
);
process.exit(0);
