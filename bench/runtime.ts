// Container figures in the real VM: run-to-exit of `busybox true` against a bare spawn by the
// agent (and on a bridge network: a veth pair on docker0), stdout throughput, and memory per idle
// container. Prints one JSON line.
import { LayerStore } from "../src/engine/layer/layer-store";
import { AgentRuntime } from "../src/engine/runtime/agent-runtime";
import type { StartConfig } from "../src/engine/runtime/runtime";
import { AgentStream } from "../src/engine/machine/agent-stream";
import { startMachine } from "../src/node/start-machine";
import { busyboxLayer } from "../tests/support/busybox-layer";

const SAMPLES = 20;
const PATH = "PATH=/bin";
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const machine = await startMachine({ idle: false, onNotice: () => {} });
const layers = new LayerStore(machine.files);
const { tar, diffId } = await busyboxLayer(machine);
await layers.unpack(diffId, tar);
const runtime = new AgentRuntime(machine.agent, layers, machine.files);
let n = 0;

const BRIDGE: StartConfig["network"] = { bridge: "docker0", gateway: "172.17.0.1/16", address: "172.17.0.2/16", mac: "02:42:ac:11:00:02" };

async function runToExit(args: string[], network?: StartConfig["network"]): Promise<number> {
  const id = `bench${n++}`;
  const t0 = performance.now();
  await runtime.create({ id, layers: [diffId] });
  const process = await runtime.start(id, { args, env: [PATH], network });
  await process.wait();
  await runtime.remove(id);
  return performance.now() - t0;
}

async function bare(args: string[]): Promise<number> {
  const t0 = performance.now();
  const stream = new AgentStream(machine.agent);
  await machine.agent.request({ op: "spawn", stream: stream.id, arg: args, env: [PATH] });
  await stream.exited();
  return performance.now() - t0;
}

// Warm-up: v86 compiles the guest's hot paths on first use.
for (let i = 0; i < 5; i++) {
  await runToExit(["true"]);
  await runToExit(["true"], BRIDGE);
  await bare(["/bin/busybox", "true"]);
}
const run: number[] = [];
const bridged: number[] = [];
const spawn: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  run.push(await runToExit(["true"]));
  bridged.push(await runToExit(["true"], BRIDGE));
  spawn.push(await bare(["/bin/busybox", "true"]));
}

// Throughput: 16 MiB from a container's stdout, taken as fast as it comes. dd, not head: busybox
// head -c alone manages only ~3.4 MB/s under emulation.
const bytes = 16 * 1024 * 1024;
const id = "bench-stream";
await runtime.create({ id, layers: [diffId] });
let received = 0;
const t0 = performance.now();
const printer = await runtime.start(id, { args: ["dd", "if=/dev/zero", "bs=16k", `count=${bytes / 16384}`], env: [PATH] });
printer.onOutput((stream, chunk) => void (received += stream === "stdout" ? chunk.length : 0));
await printer.wait();
const streamSeconds = (performance.now() - t0) / 1000;
await runtime.remove(id);
if (received !== bytes) throw new Error(`received ${received} of ${bytes} bytes`);

// Memory: what 10 idle containers (sleep) take from the guest.
const available = async () => Number(/MemAvailable:\s+(\d+)/.exec((await machine.run("cat /proc/meminfo")).output)![1]) * 1024;
const before = await available();
const idle = Array.from({ length: 10 }, (_, i) => `bench-idle${i}`);
for (const name of idle) {
  await runtime.create({ id: name, layers: [diffId] });
  await runtime.start(name, { args: ["sleep", "1000"], env: [PATH] });
}
await new Promise((resolve) => setTimeout(resolve, 1000));
const after = await available();
const cgroupBytes = median(await Promise.all(idle.map(async (name) => (await runtime.stats(name)).memory.usage)));
for (const name of idle) await runtime.remove(name);
await machine.stop();

console.log(
  JSON.stringify({
    runToExitMs: median(run),
    runToExitBridgeMs: median(bridged),
    bareSpawnMs: median(spawn),
    ratio: median(run) / median(spawn),
    streamMBps: bytes / 1e6 / streamSeconds,
    idleContainerBytes: (before - after) / idle.length,
    idleContainerCgroupBytes: cgroupBytes,
  }),
);
process.exit(0);
