import type { ExitStatus } from "./runtime";

const SIGTERM = 15;
const SIGKILL = 9;

/**
 * Docker's stop, for any runtime: the stop signal (SIGTERM unless given), then SIGKILL when the
 * process outlives the timeout in seconds (10 unless given; a negative one waits for ever).
 */
export async function stopSequence(exit: Promise<ExitStatus>, send: (signal: number) => Promise<void>, options: { timeoutSeconds?: number; signal?: number }): Promise<ExitStatus> {
  await send(options.signal ?? SIGTERM).catch(() => undefined);
  const timeout = options.timeoutSeconds ?? 10;
  if (timeout >= 0) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeout * 1000)));
    const first = await Promise.race([exit, expired]);
    clearTimeout(timer);
    if (first === "timeout") await send(SIGKILL).catch(() => undefined);
  }
  return exit;
}
