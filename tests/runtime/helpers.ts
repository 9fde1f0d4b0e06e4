import { LayerStore } from "../../src/engine/layer/layer-store";
import type { Machine } from "../../src/engine/machine/machine";
import { AgentRuntime } from "../../src/engine/runtime/agent-runtime";
import type { ExitStatus, RuntimeProcess, StartConfig } from "../../src/engine/runtime/runtime";
import { startMachine } from "../../src/node/start-machine";
import { busyboxLayer } from "../support/busybox-layer";

export interface RuntimeFixture {
  machine: Machine;
  layers: LayerStore;
  runtime: AgentRuntime;
  busybox: string;
}

/** The real VM from the snapshot, the agent's runtime, and a busybox layer unpacked. */
export async function runtimeFixture(): Promise<RuntimeFixture> {
  const machine = await startMachine({ idle: false });
  const layers = new LayerStore(machine.files);
  const { tar, diffId } = await busyboxLayer(machine);
  await layers.unpack(diffId, tar);
  return { machine, layers, runtime: new AgentRuntime(machine.agent, layers, machine.files), busybox: diffId };
}

let counter = 0;
export const containerId = () => `test${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Collects a process's output as text, stdout and stderr apart. */
export function collect(process: RuntimeProcess): { stdout: () => string; stderr: () => string } {
  let stdout = "";
  let stderr = "";
  const decoder = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  process.onOutput((stream, bytes) => {
    const text = decoder[stream].decode(bytes, { stream: true });
    if (stream === "stdout") stdout += text;
    else stderr += text;
  });
  return { stdout: () => stdout, stderr: () => stderr };
}

/** `docker run --rm` in miniature: create, start, collect, wait, remove. */
export async function runContainer(
  f: RuntimeFixture,
  config: Partial<StartConfig> & { args: string[] },
  resources?: Parameters<AgentRuntime["create"]>[0]["resources"],
): Promise<ExitStatus & { stdout: string; stderr: string }> {
  const id = containerId();
  await f.runtime.create({ id, layers: [f.busybox], resources });
  try {
    const process = await f.runtime.start(id, { env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], ...config });
    const output = collect(process);
    const exit = await process.wait();
    return { ...exit, stdout: output.stdout(), stderr: output.stderr() };
  } finally {
    await f.runtime.remove(id);
  }
}
