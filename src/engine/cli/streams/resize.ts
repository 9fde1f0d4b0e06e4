import type { Disposable } from "../../../shared/disposable";
import type { CommandContext } from "../command";

/** Tells the daemon the terminal's size now and whenever it changes (a tty container or exec). */
export function followResize(context: CommandContext, resize: (size: { rows: number; cols: number }) => Promise<void>): Disposable {
  const send = (size: { rows: number; cols: number } | undefined) => {
    if (!size || size.rows <= 0 || size.cols <= 0) return;
    void resize(size).catch(() => undefined);
  };
  send(context.io.size());
  return context.io.onResize(send);
}
