import { DaemonError, type DockerClient } from "../docker-client-over-worker";
import { learnersRequest, type ExchangeSummary } from "../../shared/api-exchange";
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
      if (check.state === "removed") return container ? failure(`the container ${check.name} is still there: \`docker rm\` removes it`) : pass;
      if (!container) return failure(`there is no container named ${check.name} yet`);
      if (check.state === "running" && !container.State.Running) return failure(`the container ${check.name} is ${container.State.Status}: this step wants it running`);
      if (check.state === "stopped" && container.State.Status !== "exited") return failure(`the container ${check.name} is ${container.State.Status}: this step wants it stopped`);
      return pass;
    }
    case "container-exited": {
      const container = await ifExists(context.api.containers.inspect(check.name));
      if (!container) return failure(`there is no container named ${check.name} yet`);
      if (container.State.Status !== "exited") return failure(`the container ${check.name} is ${container.State.Status}: this step wants it to have exited`);
      if (container.State.ExitCode !== check.exitCode) return failure(`the container ${check.name} exited with code ${container.State.ExitCode}, where this step's commands end it with ${check.exitCode}: remove it (\`docker rm ${check.name}\`) and run them again`);
      return pass;
    }
    case "image":
      return (await ifExists(context.api.images.inspect(check.ref))) ? pass : failure(`the daemon has no image ${check.ref} yet`);
    case "network":
      return (await ifExists(context.api.networks.inspect(check.name))) ? pass : failure(`there is no network named ${check.name} yet`);
    case "port": {
      // busybox's nc has no -z: a connection that opens and closes on empty input is an answer.
      const result = await context.runInGuest(`nc -w 2 127.0.0.1 ${check.port} </dev/null >/dev/null 2>&1`);
      return result.exitCode === 0 ? pass : failure(`nothing answers on port ${check.port}`);
    }
    case "request": {
      const asked = context.requests().filter((e) => e.server === "daemon" && e.method === check.method && (check.client ? e.client === check.client : learnersRequest(e)) && apiPath(e.path).startsWith(check.path));
      const from = check.client ? ` from the ${check.client}` : "";
      const wanted = `${check.method} ${check.path}`;
      if (asked.length === 0) return failure(`the daemon has not had this step's ${wanted} request${from} yet`);
      const status = check.status;
      if (!status || asked.some((e) => e.status !== undefined && statusMatches(e.status, status))) return pass;
      const answered = asked.map((e) => e.status).filter((code) => code !== undefined).at(-1);
      if (answered === undefined) return failure(`the daemon has not answered ${wanted} yet`);
      return failure(`the daemon answered ${wanted} with ${answered}${answered >= 400 ? ", an error (the terminal says why)" : ""}, where this step wants ${status}`);
    }
    case "guest": {
      const result = await context.runInGuest(check.command);
      if (result.exitCode !== check.exitCode) return failure(check.missing ?? `\`${check.command}\` exited with ${result.exitCode}, not ${check.exitCode}`);
      // Without the final newline, /^4$/ means what an author expects it to.
      if (check.expect && !check.expect.test(result.stdout.replace(/\n$/, ""))) return failure(check.missing ?? `\`${check.command}\` printed nothing matching ${String(check.expect)}`);
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
