import { DrydockError } from "../../shared/errors";
import type { HostConfig } from "../../shared/engine-api/containers";

const POLICIES = ["", "no", "always", "unless-stopped", "on-failure"];

/** Refuses what Docker refuses at create: unknown policies, retries without on-failure, --rm with a policy. */
export function validateRestartPolicy(host: HostConfig): void {
  const name = host.RestartPolicy?.Name ?? "";
  const retries = host.RestartPolicy?.MaximumRetryCount ?? 0;
  if (!POLICIES.includes(name)) throw new DrydockError("InvalidParameter", `invalid restart policy: unknown policy '${name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`);
  if (retries < 0) throw new DrydockError("InvalidParameter", "invalid restart policy: maximum retry count can't be negative");
  if (retries > 0 && name !== "on-failure") throw new DrydockError("InvalidParameter", `invalid restart policy: maximum retry count can only be used with 'on-failure'`);
  if (host.AutoRemove && name !== "" && name !== "no") {
    throw new DrydockError("InvalidParameter", "conflicting options: cannot specify both --restart and --rm");
  }
}

/** Whether a container that just exited is started again. */
export function shouldRestart(host: HostConfig, exitCode: number, restartCount: number, manuallyStopped: boolean): boolean {
  if (manuallyStopped || host.AutoRemove) return false;
  switch (host.RestartPolicy?.Name) {
    case "always":
    case "unless-stopped":
      return true;
    case "on-failure": {
      const max = host.RestartPolicy.MaximumRetryCount ?? 0;
      return exitCode !== 0 && (max === 0 || restartCount < max);
    }
    default:
      return false;
  }
}

/** Docker's back-off: 100 ms, doubling each time, at most a minute. */
export function restartDelay(attempt: number): number {
  return Math.min(60_000, 100 * 2 ** attempt);
}
