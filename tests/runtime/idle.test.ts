// The idle pause (issue 2) and containers: a running container keeps the VM awake, and a
// request to the agent wakes a paused one.
import { afterAll, beforeAll, expect, it } from "vitest";
import { LayerStore } from "../../src/engine/layer/layer-store";
import type { Machine } from "../../src/engine/machine/machine";
import { AgentRuntime } from "../../src/engine/runtime/agent-runtime";
import { startMachine } from "../../src/node/start-machine";
import { busyboxLayer } from "../support/busybox-layer";
import { collect } from "./helpers";

let machine: Machine;
beforeAll(async () => {
  machine = await startMachine({ idle: { quietMs: 300, recheckMs: 300 } });
}, 60_000);
afterAll(() => machine?.stop());

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("stays awake while a container runs, pauses after it, and wakes for the agent", async () => {
  const layers = new LayerStore(machine.files);
  const { tar, diffId } = await busyboxLayer(machine);
  await layers.unpack(diffId, tar);
  const runtime = new AgentRuntime(machine.agent, layers, machine.files);
  await runtime.create({ id: "idle-test", layers: [diffId] });
  const process = await runtime.start("idle-test", { args: ["sh", "-c", "sleep 3; echo woke"], env: ["PATH=/bin"] });
  const output = collect(process);
  await settle(1500);
  expect(machine.paused).toBe(false);
  expect(await process.wait()).toMatchObject({ exitCode: 0 });
  expect(output.stdout()).toBe("woke\n");
  await runtime.remove("idle-test");
  const deadline = Date.now() + 5000;
  while (!machine.paused && Date.now() < deadline) await settle(100);
  expect(machine.paused).toBe(true);
  expect((await machine.agent.request({ op: "hello" }, 5000)).protocol).toBe("1");
  expect(machine.paused).toBe(false);
});
