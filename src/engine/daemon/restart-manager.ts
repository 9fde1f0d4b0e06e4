import type { Container } from "../container/container";
import { restartDelay, shouldRestart } from "../container/restart-policy";

/** A container that ran at least this long starts its back-off again. */
const RESET_AFTER_MS = 10_000;

/**
 * The restart policies' timers: after an exit the policy allows, the container waits out
 * Docker's back-off (100 ms doubling to a minute), then `restart` starts it again.
 */
export class RestartManager {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly restart: (container: Container) => void) {}

  /** The policy's turn after an exit: true when a restart is now pending. */
  schedule(container: Container): boolean {
    const host = container.config.HostConfig ?? {};
    if (!shouldRestart(host, container.state.ExitCode, container.restartCount, container.manuallyStopped)) return false;
    const ranMs = Date.parse(container.state.FinishedAt) - Date.parse(container.state.StartedAt);
    const attempt = ranMs > RESET_AFTER_MS ? 0 : container.restartCount;
    container.restartScheduled();
    const timer = setTimeout(() => {
      this.timers.delete(container.id);
      container.restartDue();
      this.restart(container);
    }, restartDelay(attempt));
    this.timers.set(container.id, timer);
    return true;
  }

  /** True when a restart was pending (and is no more). */
  cancel(container: Container): boolean {
    const timer = this.timers.get(container.id);
    if (timer === undefined) return false;
    clearTimeout(timer);
    this.timers.delete(container.id);
    return true;
  }
}
