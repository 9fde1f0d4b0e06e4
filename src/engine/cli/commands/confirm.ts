import type { CommandContext } from "../command";

/**
 * Docker's "Are you sure you want to continue? [y/N] ": reads one line of stdin; only y or
 * yes (any case) goes ahead. Without a terminal or an answer, it is a no.
 */
export async function confirm(context: CommandContext, question: string): Promise<boolean> {
  await context.out(`${question} [y/N] `);
  const answer = await new Promise<string>((resolve) => {
    let text = "";
    let done = false;
    const reading = context.io.stdin.read(
      (bytes) => {
        text += new TextDecoder().decode(bytes);
        const newline = text.indexOf("\n");
        if (newline >= 0 && !done) {
          done = true;
          queueMicrotask(() => reading.dispose());
          resolve(text.slice(0, newline));
        }
      },
      () => resolve(text),
    );
  });
  return /^\s*y(es)?\s*$/i.test(answer);
}
