import { parseArgs } from "node:util";
import { PROMPT } from "../../engine/machine/boot-config";
import type { Machine } from "../../engine/machine/machine";
import { startMachine } from "../start-machine";

const LEAVE_KEY = 0x1d; // Ctrl-]
// Piped input has been run once the console is back at its prompt and has been quiet this long.
const SETTLE_MS = 300;

export const usage = `Usage: drydock shell [-c COMMAND]

Attach this terminal to the guest VM's console (Ctrl-] leaves), or run COMMAND in the guest,
print its output and exit with its status. With input from a pipe, the lines are typed into
the console and the shell leaves once the guest is back at its prompt.`;

export async function shell(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { command: { type: "string", short: "c" } } });
  const machine = await startMachine();
  try {
    if (values.command !== undefined) {
      const result = await machine.run(values.command, { onOutput: (bytes) => process.stdout.write(bytes) });
      return result.status;
    }
    return await attach(machine);
  } finally {
    await machine.stop();
  }
}

function attach(machine: Machine): Promise<number> {
  const { stdin, stdout } = process;
  return new Promise((resolve) => {
    if (stdin.isTTY) {
      stdin.setRawMode(true);
      process.stderr.write("drydock: attached to the guest console; Ctrl-] leaves.\r\n");
    }
    let lastOutput = 0;
    let typed = false;
    let answered = false;
    const output = machine.console.onData((chunk) => {
      lastOutput = Date.now();
      answered = true;
      stdout.write(chunk);
    });
    stdout.write(machine.screen);
    const resize = () => machine.console.resize(stdout.columns, stdout.rows);
    if (stdout.isTTY) {
      resize();
      stdout.on("resize", resize);
    }
    const done = () => {
      output.dispose();
      stdout.off("resize", resize);
      stdin.off("data", onInput);
      if (stdin.isTTY) stdin.setRawMode(false);
      stdin.pause();
      resolve(0);
    };
    const onInput = (data: Buffer) => {
      const leave = data.indexOf(LEAVE_KEY);
      if (leave !== -1) {
        if (leave > 0) machine.console.write(data.subarray(0, leave));
        return done();
      }
      typed = true;
      answered = false;
      machine.console.write(data);
    };
    const settle = () => {
      if (!typed) return done();
      const timer = setInterval(() => {
        if (answered && Date.now() - lastOutput >= SETTLE_MS && PROMPT.test(machine.console.tail())) {
          clearInterval(timer);
          done();
        }
      }, 100);
    };
    stdin.on("data", onInput);
    stdin.once("end", () => (stdin.isTTY ? done() : settle()));
    stdin.resume();
  });
}
