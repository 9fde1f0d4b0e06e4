import { DrydockError } from "../../shared/errors";

const SIGNALS: Record<string, number> = {
  HUP: 1, INT: 2, QUIT: 3, ILL: 4, TRAP: 5, ABRT: 6, BUS: 7, FPE: 8, KILL: 9, USR1: 10, SEGV: 11, USR2: 12,
  PIPE: 13, ALRM: 14, TERM: 15, STKFLT: 16, CHLD: 17, CONT: 18, STOP: 19, TSTP: 20, TTIN: 21, TTOU: 22, URG: 23,
  XCPU: 24, XFSZ: 25, VTALRM: 26, PROF: 27, WINCH: 28, IO: 29, PWR: 30, SYS: 31,
};

// The real-time signals by name, as moby/sys/signal's table has them: RTMIN 34 to RTMAX 64.
for (let n = 0; n <= 15; n++) SIGNALS[n ? `RTMIN+${n}` : "RTMIN"] = 34 + n;
for (let n = 0; n <= 14; n++) SIGNALS[n ? `RTMAX-${n}` : "RTMAX"] = 64 - n;

/**
 * "KILL", "SIGKILL" or "9" as a number, as moby/sys/signal's ParseSignal reads them: any number
 * but 0 (the kernel says whether it is a signal), or a name of its table.
 */
export function parseSignal(text: string): number {
  if (/^[+-]?[0-9]+$/.test(text) && Number(text) !== 0) return Number(text);
  const found = SIGNALS[text.toUpperCase().replace(/^SIG/, "")];
  if (!found) throw new DrydockError("InvalidParameter", `Invalid signal: ${text}`);
  return found;
}
