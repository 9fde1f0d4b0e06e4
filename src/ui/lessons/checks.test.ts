import { describe, expect, it } from "vitest";
import type { ApiClient } from "../../engine/cli/client/api-client";
import { DaemonError } from "../../engine/cli/errors";
import { evaluateCheck, evaluateChecks, type CheckContext, type GuestRunResult } from "./checks";

const containers: Record<string, { State: { Status: string; Running: boolean; ExitCode: number } }> = {
  web: { State: { Status: "running", Running: true, ExitCode: 0 } },
  done: { State: { Status: "exited", Running: false, ExitCode: 3 } },
};

function context(guest: (command: string) => GuestRunResult = () => ({ exitCode: 0, stdout: "", stderr: "" })): CheckContext & { commands: string[] } {
  const commands: string[] = [];
  const api = {
    json: (_method: string, path: string) => {
      const container = /^\/containers\/([^/]+)\/json$/.exec(path);
      if (container && containers[container[1]!]) return Promise.resolve(containers[container[1]!]);
      if (path === "/images/busybox/json") return Promise.resolve({ Id: "sha256:1" });
      return Promise.reject(new DaemonError(404, `No such object: ${path}`));
    },
  } as unknown as ApiClient;
  return {
    api,
    commands,
    runInGuest: (command) => {
      commands.push(command);
      return Promise.resolve(guest(command));
    },
  };
}

describe("evaluateCheck", () => {
  it("asks the daemon about containers and images", async () => {
    const c = context();
    expect(await evaluateCheck({ kind: "container", name: "web", state: "running" }, c)).toEqual({ passed: true });
    expect(await evaluateCheck({ kind: "container", name: "done", state: "running" }, c)).toEqual({ passed: false, reason: "done is exited, not running" });
    expect(await evaluateCheck({ kind: "container", name: "nope", state: "exists" }, c)).toEqual({ passed: false, reason: "there is no container named nope" });
    expect(await evaluateCheck({ kind: "container", name: "nope", state: "removed" }, c)).toEqual({ passed: true });
    expect(await evaluateCheck({ kind: "container", name: "web", state: "removed" }, c)).toMatchObject({ passed: false });
    expect(await evaluateCheck({ kind: "container-exited", name: "done", exitCode: 3 }, c)).toEqual({ passed: true });
    expect(await evaluateCheck({ kind: "container-exited", name: "done", exitCode: 0 }, c)).toEqual({ passed: false, reason: "done exited with 3, not 0" });
    expect(await evaluateCheck({ kind: "image", ref: "busybox" }, c)).toEqual({ passed: true });
    expect(await evaluateCheck({ kind: "image", ref: "alpine" }, c)).toEqual({ passed: false, reason: "there is no image alpine" });
  });

  it("runs commands on the host: exit code, then the pattern on stdout", async () => {
    const c = context((command) => (command === "hostname" ? { exitCode: 0, stdout: "drydock\n", stderr: "" } : { exitCode: 1, stdout: "", stderr: "no" }));
    expect(await evaluateCheck({ kind: "guest", command: "hostname", exitCode: 0, expect: /^drydock$/ }, c)).toEqual({ passed: true });
    expect(await evaluateCheck({ kind: "guest", command: "hostname", exitCode: 0, expect: /box/ }, c)).toMatchObject({ passed: false });
    expect(await evaluateCheck({ kind: "guest", command: "false", exitCode: 0 }, c)).toEqual({ passed: false, reason: "`false` exited with 1, not 0" });
    expect(await evaluateCheck({ kind: "guest", command: "false", exitCode: 1 }, c)).toEqual({ passed: true });
    expect(await evaluateCheck({ kind: "port", port: 8080 }, c)).toMatchObject({ passed: false, reason: "nothing answers on port 8080" });
    expect(c.commands.at(-1)).toContain("127.0.0.1 8080");
  });

  it("passes a step when every check does, and says why the first one did not", async () => {
    const c = context();
    expect(await evaluateChecks([{ kind: "image", ref: "busybox" }, { kind: "container", name: "web", state: "running" }], c)).toEqual({ passed: true });
    expect(await evaluateChecks([{ kind: "image", ref: "alpine" }, { kind: "container", name: "nope", state: "running" }], c)).toEqual({ passed: false, reason: "there is no image alpine" });
  });
});
