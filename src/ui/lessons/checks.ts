import { DaemonError, type DockerClient } from "../docker-client-over-worker";
import type { ExchangeSummary } from "../../shared/api-exchange";
import type { Check } from "./lesson-format";

export interface GuestRunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** What a check looks through: the Engine API, a shell on the Docker host, and the API tap. */
export interface CheckContext {
  api: DockerClient;
  runInGuest(command: string): Promise<GuestRunResult>;
  /** The Engine API exchanges since the step being checked became the one to do. */
  requests(): readonly ExchangeSummary[];
}

export interface CheckResult {
  passed: boolean;
  /** Why not, in words a learner can act on. */
  reason?: string;
}

const pass: CheckResult = { passed: true };
const failure = (reason: string): CheckResult => ({ passed: false, reason });

export async function evaluateCheck(check: Check, context: CheckContext): Promise<CheckResult> {
  switch (check.kind) {
    case "container": {
      const container = await ifExists(context.api.containers.inspect(check.name));
      if (check.state === "removed") return container ? failure(`a container named ${check.name} still exists`) : pass;
      if (!container) return failure(`there is no container named ${check.name}`);
      if (check.state === "running" && !container.State.Running) return failure(`${check.name} is ${container.State.Status}, not running`);
      return pass;
    }
    case "container-exited": {
      const container = await ifExists(context.api.containers.inspect(check.name));
      if (!container) return failure(`there is no container named ${check.name}`);
      if (container.State.Status !== "exited") return failure(`${check.name} is ${container.State.Status}, not exited`);
      if (container.State.ExitCode !== check.exitCode) return failure(`${check.name} exited with ${container.State.ExitCode}, not ${check.exitCode}`);
      return pass;
    }
    case "image":
      return (await ifExists(context.api.images.inspect(check.ref))) ? pass : failure(`there is no image ${check.ref}`);
    case "port": {
      // busybox's nc has no -z: a connection that opens and closes on empty input is an answer.
      const result = await context.runInGuest(`nc -w 2 127.0.0.1 ${check.port} </dev/null >/dev/null 2>&1`);
      return result.exitCode === 0 ? pass : failure(`nothing answers on port ${check.port}`);
    }
    case "request": {
      const asked = context.requests().filter((e) => e.server === "daemon" && e.method === check.method && (check.client ? e.client === check.client : e.client !== "this page" && e.client !== "lesson check") && apiPath(e.path).startsWith(check.path));
      const from = check.client ? ` from ${check.client}` : "";
      const wanted = `${check.method} ${check.path}${from}`;
      if (asked.length === 0) return failure(`the daemon has had no ${check.method} ${check.path} request${from} since this step began`);
      const status = check.status;
      if (!status || asked.some((e) => e.status !== undefined && statusMatches(e.status, status))) return pass;
      const answered = asked.filter((e) => e.status !== undefined).at(-1);
      return failure(answered ? `${wanted} was answered ${answered.status}, not ${status}` : `${wanted} has not been answered yet`);
    }
    case "guest": {
      const result = await context.runInGuest(check.command);
      if (result.exitCode !== check.exitCode) return failure(`\`${check.command}\` exited with ${result.exitCode}, not ${check.exitCode}`);
      // Without the final newline, /^4$/ means what an author expects it to.
      if (check.expect && !check.expect.test(result.stdout.replace(/\n$/, ""))) return failure(`\`${check.command}\` printed nothing matching ${String(check.expect)}`);
      return pass;
    }
  }
}

/**
 * Every check of a step; the first that fails says why. Request checks go first: a guest check's
 * `docker ...` is itself a docker CLI request, which must not be what passes the step's own
 * request check.
 */
export async function evaluateChecks(checks: readonly Check[], context: CheckContext): Promise<CheckResult> {
  const ordered = [...checks.filter((c) => c.kind === "request"), ...checks.filter((c) => c.kind !== "request")];
  for (const check of ordered) {
    const result = await evaluateCheck(check, context);
    if (!result.passed) return result;
  }
  return pass;
}

/** A request's target without its /vX.Y: clients pick their own version, or none. */
function apiPath(target: string): string {
  return target.replace(/^\/v\d+(?:\.\d+)?(?=[/?]|$)/, "");
}

function statusMatches(status: number, wanted: string): boolean {
  return wanted.endsWith("xx") ? Math.floor(status / 100) === Number(wanted[0]) : status === Number(wanted);
}

/** The object, or undefined when the daemon says there is no such thing. */
async function ifExists<T>(inspected: Promise<T>): Promise<T | undefined> {
  try {
    return await inspected;
  } catch (error) {
    if (error instanceof DaemonError && error.status === 404) return undefined;
    throw error;
  }
}
