// The lines typed at the guest's prompt by both the Node console benchmark (guest-cli.ts) and the
// page's (page-console.ts), so the two sets of figures are of the same commands.

export interface TypedCommand {
  /** The key of its figure in the JSON both benchmarks print. */
  key: string;
  line: string;
  /** Given what the console printed, from the line's end to the prompt (left out): a figure counts only if the command did what it says. */
  check(output: string): boolean;
}

/** What a command printed after the end of its line. */
const printed = (output: string) => output.slice(output.indexOf("\n") + 1).replace(/\r/g, "").trim();

export const SHELL_LOOP = "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done";

export const TYPED_COMMANDS: readonly TypedCommand[] = [
  { key: "echo", line: "echo", check: (output) => output.includes("\n") },
  { key: "ps", line: "docker ps", check: (output) => output.includes("CONTAINER ID") },
  { key: "helloWorld", line: "docker run --rm hello-world", check: (output) => output.includes("Hello from Drydock!") },
  { key: "busyboxTrue", line: "docker run --rm busybox true", check: (output) => printed(output) === "" },
  // The emulator alone: a CPU-bound loop in the guest's shell, no I/O.
  { key: "shellLoop", line: SHELL_LOOP, check: (output) => printed(output) === "" },
];

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Types each command `samples` times, round after round (so a slow spell of the machine touches
 * every command alike), after `warmUp` rounds (v86 compiles the guest's hot paths on first use).
 * `type` types a line and resolves with how long it took to the next prompt and what it printed.
 */
export async function timeTyped(
  type: (line: string) => Promise<{ ms: number; output: string }>,
  samples: number,
  warmUp: number,
  commands: readonly TypedCommand[] = TYPED_COMMANDS,
): Promise<Record<string, number>> {
  const times = new Map<string, number[]>(commands.map((c) => [c.key, []]));
  for (let round = 0; round < warmUp + samples; round++) {
    for (const command of commands) {
      const { ms, output } = await type(command.line);
      if (!command.check(output)) throw new Error(`${command.line} printed:\n${output}`);
      if (round >= warmUp) times.get(command.key)!.push(ms);
    }
  }
  return Object.fromEntries([...times].map(([key, values]) => [key, median(values)]));
}
