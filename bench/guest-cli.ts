// `docker ps` and `docker run --rm hello-world` typed on the guest console until the next prompt:
// the shim, the agent's socket, the CLI in the engine, the API through a pipe, the container;
// then the daemon's sockets in the guest: `docker -H tcp://docker:2375 ps` and curl (its first
// run installs it). Prints one JSON line. `guest-cli.ts typed SAMPLES WARMUP`: the commands the
// page's benchmark types (typed-commands.ts), measured the same way, for its figures beside.
import { typeLine } from "../tests/support/console";
import { request, startEngineServer } from "../tests/support/engine-server";
import { median, timeTyped } from "./typed-commands";

const SAMPLES = 20;
const server = await startEngineServer();
for (const image of ["hello-world", "busybox"]) await request(server.socket, "POST", `/images/create?fromImage=${image}&tag=latest`);
if (process.argv[2] === "typed") {
  const typed = await timeTyped(
    async (line) => {
      const t0 = performance.now();
      const output = await typeLine(server.machine, line);
      return { ms: performance.now() - t0, output };
    },
    Number(process.argv[3]),
    Number(process.argv[4]),
  );
  await server.stop();
  console.log(JSON.stringify(typed));
  process.exit(0);
}

// A figure counts only if the command did what it says.
const time = async (line: string, expected: string) => {
  const t0 = performance.now();
  const output = await typeLine(server.machine, line);
  const ms = performance.now() - t0;
  if (!output.includes(expected)) throw new Error(`${line} printed:\n${output}`);
  return ms;
};
const curlInstallMs = await time("curl -s --unix-socket /var/run/docker.sock http://localhost/_ping", "OK");
for (let i = 0; i < 3; i++) await time("docker run --rm hello-world", "Hello from Drydock!"); // JIT warm-up
const ps: number[] = [];
const hello: number[] = [];
const echo: number[] = [];
const tcpPs: number[] = [];
const curl: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  ps.push(await time("docker ps", "CONTAINER ID"));
  tcpPs.push(await time("docker -H tcp://docker:2375 ps", "CONTAINER ID"));
  curl.push(await time("curl -s --unix-socket /var/run/docker.sock http://localhost/_ping", "OK"));
  hello.push(await time("docker run --rm hello-world", "Hello from Drydock!"));
  echo.push(await time("echo", "\n"));
}
await server.stop();
console.log(JSON.stringify({ guestPsMs: median(ps), guestHelloWorldMs: median(hello), guestEchoMs: median(echo), guestTcpPsMs: median(tcpPs), curlPingMs: median(curl), curlInstallMs }));
process.exit(0);
