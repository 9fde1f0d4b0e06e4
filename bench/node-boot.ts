// One sample, in a fresh Node process (so v86's JIT and the wasm compile start cold, as for a
// user running `drydock shell`): boot the guest, run a first command, report JSON on stdout.
// usage: node --import tsx bench/node-boot.ts snapshot|cold
import { startMachine } from "../src/node/start-machine";

const mode = process.argv[2] === "cold" ? "cold" : "snapshot";
const t0 = performance.now();
const machine = await startMachine({ coldBoot: mode === "cold", idle: false, onNotice: () => {} });
const prompt = performance.now() - t0;
const result = await machine.run("echo $((6 * 7))");
const firstCommand = performance.now() - t0;
if (result.output !== "42\n") throw new Error(`unexpected answer: ${JSON.stringify(result.output)}`);
const rssMiB = process.memoryUsage().rss / 1048576;
await machine.stop();
console.log(JSON.stringify({ mode: machine.mode, promptMs: prompt, firstCommandMs: firstCommand, rssMiB }));
process.exit(0);
