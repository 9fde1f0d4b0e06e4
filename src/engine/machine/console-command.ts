import { DrydockError } from "../../shared/errors";
import type { GuestConsole } from "./guest-console";
import type { GuestFiles } from "./guest-files";

export interface CommandResult {
  output: string;
  status: number;
}

// One char per byte, in slices: spreading a large chunk into fromCharCode overflows the stack.
const toText = (bytes: Uint8Array) => {
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
};
const toBytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/**
 * Runs a shell command on the learner's console and collects what it prints. The command goes in
 * through the 9p tree as a script (so its length and quoting do not matter, and the line typed
 * on the console stays short: the guest's line editor is slow per character), and its output is
 * found between markers made of \036 bytes, which the script prints but no echo contains. The
 * command runs in a subshell (its `exit` ends only itself) with /dev/null as stdin: the
 * console's input belongs to the learner.
 */
export async function runOnConsole(
  console: Pick<GuestConsole, "onData" | "write" | "tail">,
  files: Pick<GuestFiles, "writeFile" | "remove">,
  command: string,
  options: { onOutput?: (bytes: Uint8Array) => void; timeoutMs?: number } = {},
): Promise<CommandResult> {
  const id = Math.random().toString(16).slice(2, 10);
  const script = `run/${id}.sh`;
  await files.writeFile(
    script,
    `printf '\\036B%s\\036\\n' ${id}\n(\n${command}\n) </dev/null\nprintf '\\036E%s %d\\036\\n' ${id} $?\n`,
  );
  const start = `\x1eB${id}\x1e\r\n`;
  const end = `\x1eE${id} `;

  return new Promise<CommandResult>((resolve, reject) => {
    let started = false;
    let buffer = "";
    let output = "";
    const emit = (text: string) => {
      const clean = text.replace(/\r\n/g, "\n");
      output += clean;
      options.onOutput?.(toBytes(clean));
    };
    const finish = (error: Error | null, status = 0) => {
      clearTimeout(timer);
      files.remove(script);
      subscription.dispose();
      if (error) reject(error);
      else resolve({ output, status });
    };
    const timeoutMs = options.timeoutMs ?? 120_000;
    const timer = setTimeout(
      () => finish(new DrydockError("Unavailable", `the command did not finish within ${timeoutMs} ms; the console's last lines:\n${lastLines(console.tail())}`)),
      timeoutMs,
    );
    const subscription = console.onData((chunk) => {
      buffer += toText(chunk);
      if (!started) {
        const at = buffer.indexOf(start);
        if (at === -1) return;
        started = true;
        buffer = buffer.slice(at + start.length);
      }
      const at = buffer.indexOf(end);
      if (at !== -1) {
        const close = buffer.indexOf("\x1e", at + end.length);
        if (close === -1) return;
        emit(buffer.slice(0, at));
        finish(null, Number(buffer.slice(at + end.length, close)));
        return;
      }
      // Hold back what could be the start of the end marker, or half of a \r\n.
      let keep = buffer.lastIndexOf("\x1e");
      if (keep === -1) keep = buffer.endsWith("\r") ? buffer.length - 1 : buffer.length;
      emit(buffer.slice(0, keep));
      buffer = buffer.slice(keep);
    });
    // Sourced, not run with sh: a subshell forks, but nothing is exec'd, the slow part in the guest.
    console.write(` . /mnt/host/${script}\n`);
  });
}

export function lastLines(text: string, count = 15): string {
  return text
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "")
    .replace(/\r/g, "")
    .split("\n")
    .slice(-count)
    .join("\n");
}
