// docker build's figures on the real VM: FROM busybox + 2 RUN + COPY + CMD built with no cache
// and rebuilt from the cache, by the official CLI on the engine's UNIX socket and by Drydock's
// CLI typed on the guest console (to the next prompt); `docker commit` of a container with
// 1 MiB of changes. Prints one JSON line.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { typeLine } from "../tests/support/console";
import { request, startEngineServer } from "../tests/support/engine-server";

const SAMPLES = 5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const server = await startEngineServer();
const context = mkdtempSync(join(tmpdir(), "drydock-bench-build-"));
// `date` makes each cold build's first layer new (no blob or unpacked layer to reuse).
const DOCKERFILE = 'FROM busybox\nRUN date > /built-at\nRUN echo hello > /greeting\nCOPY app.sh /app/\nCMD ["sh", "/app/app.sh"]\n';
writeFileSync(join(context, "Dockerfile"), DOCKERFILE);
writeFileSync(join(context, "app.sh"), "cat /greeting\n");

const docker = (...args: string[]) =>
  new Promise<number>((resolve, reject) => {
    const t0 = performance.now();
    execFile("docker", ["-H", `unix://${server.socket}`, ...args], (error, _stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(performance.now() - t0)));
  });

await request(server.socket, "POST", "/images/create?fromImage=busybox&tag=latest");
for (let i = 0; i < 2; i++) await docker("build", "--no-cache", "-t", "bench", context); // JIT warm-up
const cold: number[] = [];
const cached: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  cold.push(await docker("build", "--no-cache", "-t", "bench", context));
  cached.push(await docker("build", "-t", "bench", context));
}
// The same, typed in the guest's shell: its context tarred from the guest's directory.
const typed = async (line: string) => {
  const t0 = performance.now();
  const output = await typeLine(server.machine, line);
  if (!/^sha256:[0-9a-f]{64}\s*$/m.test(output)) throw new Error(`${line} printed:\n${output}`);
  return performance.now() - t0;
};
await typeLine(server.machine, `mkdir -p /root/bench && cd /root/bench && printf '${DOCKERFILE.replaceAll("\n", "\\n")}' > Dockerfile && echo 'cat /greeting' > app.sh`);
for (let i = 0; i < 2; i++) await typed("docker build -q --no-cache -t gbench .");
const guestCold: number[] = [];
const guestCached: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  guestCold.push(await typed("docker build -q --no-cache -t gbench ."));
  guestCached.push(await typed("docker build -q -t gbench ."));
}
const commit: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  await docker("run", "--name", `changed${i}`, "busybox", "sh", "-c", "head -c 1048576 /dev/urandom > /changes");
  commit.push(await docker("commit", `changed${i}`, `committed:${i}`));
}
await server.stop();
rmSync(context, { recursive: true, force: true });
console.log(JSON.stringify({ coldBuildMs: median(cold), cachedBuildMs: median(cached), guestColdBuildMs: median(guestCold), guestCachedBuildMs: median(guestCached), commitMs: median(commit) }));
process.exit(0);
