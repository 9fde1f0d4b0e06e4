import type { Disposable } from "../../../shared/disposable";
import type { CommandContext } from "../command";

const NAMES: Record<number, string> = { 1: "HUP", 2: "INT", 3: "QUIT", 15: "TERM" };

/**
 * --sig-proxy (on by default without a tty): a signal the client receives is sent to the
 * container instead of ending the client, which goes on until the container exits.
 */
export function proxySignals(context: CommandContext, id: string): Disposable {
  return context.trapSignals((signal) => {
    void context.api.containers.kill(id, NAMES[signal] ?? String(signal)).catch(() => undefined);
  });
}
