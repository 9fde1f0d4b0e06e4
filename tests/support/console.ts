import { PROMPT } from "../../src/shared/prompt";
import type { Machine } from "../../src/engine/machine/machine";

/**
 * Types a line on the guest console as a learner would and resolves with what the console
 * printed until the shell's next prompt (the echo included), carriage returns removed.
 */
export function typeLine(machine: Machine, line: string, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no prompt within ${timeoutMs} ms after ${JSON.stringify(line)}; the console printed:\n${output}`));
    }, timeoutMs);
    const subscription = machine.console.onData((chunk) => {
      output += String.fromCharCode(...chunk);
      if (!PROMPT.test(output)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(output.replace(/\r/g, "").replace(PROMPT, ""));
    });
    machine.console.write(`${line}\n`);
  });
}
