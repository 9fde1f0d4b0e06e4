// Idle CPU of the emulator at the prompt with nothing running, in this Node process: first with
// v86 left running (its own idle loop), then with the Machine's idle pause.
import { startMachine } from "../src/node/start-machine";

// V8 keeps optimising v86.wasm in background threads for a few seconds after a start; that
// is start-up cost, not idle cost, so each measurement waits for it to settle first.
const SETTLE_MS = 5000;

async function cpuPercent(ms: number): Promise<number> {
  const start = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const used = process.cpuUsage(start);
  return ((used.user + used.system) / 1000 / ms) * 100;
}

const running = await startMachine({ idle: false, onNotice: () => {} });
await running.run("true");
await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
const unpaused = await cpuPercent(10_000);
await running.stop();

const machine = await startMachine({ onNotice: () => {} });
await machine.run("true");
const t0 = performance.now();
while (!machine.paused) await new Promise((resolve) => setTimeout(resolve, 50));
const pausedAfterMs = performance.now() - t0;
await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
const paused = await cpuPercent(10_000);
await machine.stop();
console.log(JSON.stringify({ unpaused, paused, pausedAfterMs }));
process.exit(0);
