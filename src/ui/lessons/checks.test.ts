import { describe, expect, it } from "vitest";
import { DaemonError, type DockerClient } from "../docker-client-over-worker";
import type { ExchangeSummary } from "../../shared/api-exchange";
import { evaluateCheck, evaluateChecks, type CheckContext, type GuestRunResult } from "./checks";

const containers: Record<string, { State: { Status: string; Running: boolean; ExitCode: number } }> = {
  web: { State: { Status: "running", Running: true, ExitCode: 0 } },
  done: { State: { Status: "exited", Running: false, ExitCode: 3 } },
};

function context(guest: (command: string) => GuestRunResult = () => ({ exitCode: 0, stdout: "", stderr: "" }), requests: ExchangeSummary[] = []): CheckContext & { commands: string[] } {
  const commands: string[] = [];
  const api = {
    containers: { inspect: (name: string) => (containers[name] ? Promise.resolve(containers[name]) : Promise.reject(new DaemonError(404, `No such container: ${name}`))) },
    images: { inspect: (name: string) => (name === "busybox" ? Promise.resolve({ Id: "sha256:1" }) : Promise.reject(new DaemonError(404, `No such image: ${name}`))) },
    networks: { inspect: (name: string) => (name === "shop" ? Promise.resolve({ Id: "2" }) : Promise.reject(new DaemonError(404, `network ${name} not found`))) },
  } as unknown as DockerClient;
  return {
    api,
    commands,
    runInGuest: (command) => {
      commands.push(command);
      return Promise.resolve(guest(command));
    },
    requests: () => requests,
  };
}

let nextId = 1;
const exchange = (client: ExchangeSummary["client"], method: string, path: string, status?: number, server: ExchangeSummary["server"] = "daemon"): ExchangeSummary => ({
  id: nextId++,
  client,
  server,
  method,
  path,
  status,
  startedAt: 0,
  state: status === undefined ? "waiting" : "done",
});

describe("evaluateCheck", () => {
  it("asks the daemon about containers, images and networks", async () => {
    const c = context();
    expect(await evaluateCheck({ kind: "container", name: "web", state: "running" }, c)).toEqual({ passed: true });
    expect(await evaluateCheck({ kind: "container", name: "done", state: "running" }, c)).toEqual({ passed: false, reason: "the container done is exited: this step wants it running" });
    expect(await evaluateCheck({ kind: "container", name: "nope", state: "exists" }, c)).toEqual({ passed: false, reason: "there is no container named nope yet" });
    expect(await evaluateCheck({ kind: "container", name: "done", state: "stopped" }, c)).toEqual({ passed: true });
    expect(await evaluateCheck({ kind: "container", name: "web", state: "stopped" }, c)).toEqual({ passed: false, reason: "the container web is running: this step wants it stopped" });
    expect(await evaluateCheck({ kind: "container", name: "nope", state: "removed" }, c)).toEqual({ passed: true });
    expect(await evaluateCheck({ kind: "container", name: "web", state: "removed" }, c)).toMatchObject({ passed: false });
    expect(await evaluateCheck({ kind: "container-exited", name: "done", exitCode: 3 }, c)).toEqual({ passed: true });
    expect(await evaluateCheck({ kind: "container-exited", name: "done", exitCode: 0 }, c)).toEqual({ passed: false, reason: "the container done exited with code 3, where this step's commands end it with 0: remove it (`docker rm done`) and run them again" });
    expect(await evaluateCheck({ kind: "image", ref: "busybox" }, c)).toEqual({ passed: true });
    expect(await evaluateCheck({ kind: "image", ref: "alpine" }, c)).toEqual({ passed: false, reason: "the daemon has no image alpine yet" });
    expect(await evaluateCheck({ kind: "network", name: "shop" }, c)).toEqual({ passed: true });
    expect(await evaluateCheck({ kind: "network", name: "cafe" }, c)).toEqual({ passed: false, reason: "there is no network named cafe yet" });
  });

  it("runs commands on the host: exit code, then the pattern on stdout", async () => {
    const c = context((command) => (command === "hostname" ? { exitCode: 0, stdout: "drydock\n", stderr: "" } : { exitCode: 1, stdout: "", stderr: "no" }));
    expect(await evaluateCheck({ kind: "guest", command: "hostname", exitCode: 0, expect: /^drydock$/ }, c)).toEqual({ passed: true });
    expect(await evaluateCheck({ kind: "guest", command: "hostname", exitCode: 0, expect: /box/ }, c)).toMatchObject({ passed: false });
    expect(await evaluateCheck({ kind: "guest", command: "false", exitCode: 0 }, c)).toEqual({ passed: false, reason: "`false` exited with 1, not 0" });
    expect(await evaluateCheck({ kind: "guest", command: "false", exitCode: 0, missing: "the note is not there yet" }, c)).toEqual({ passed: false, reason: "the note is not there yet" });
    expect(await evaluateCheck({ kind: "guest", command: "false", exitCode: 1 }, c)).toEqual({ passed: true });
    expect(await evaluateCheck({ kind: "port", port: 8080 }, c)).toMatchObject({ passed: false, reason: "nothing answers on port 8080" });
    expect(c.commands.at(-1)).toContain("127.0.0.1 8080");
  });

  it("looks for a request among those since the step began: method, path after its version, client, status", async () => {
    const c = context(undefined, [
      exchange("docker CLI", "HEAD", "/_ping", 200),
      exchange("docker CLI", "GET", "/v1.47/version", 200),
      exchange("guest socket", "POST", "/v1.47/images/create?fromImage=busybox&tag=latest", 200),
      exchange("tcp 2375", "GET", "/images/nope/json", 404),
      exchange("this page", "GET", "/containers/json?all=1", 200),
      exchange("daemon", "GET", "/v2/library/busybox/manifests/latest", 200, "registry"),
      exchange("docker CLI", "GET", "/v1.47/info"),
      exchange("lesson check", "GET", "/v1.47/containers/web/logs?stdout=1", 200),
    ]);
    expect(await evaluateCheck({ kind: "request", method: "GET", path: "/version", client: "docker CLI" }, c)).toEqual({ passed: true });
    expect(await evaluateCheck({ kind: "request", method: "GET", path: "/version" }, c)).toEqual({ passed: true });
    expect(await evaluateCheck({ kind: "request", method: "GET", path: "/version", client: "guest socket" }, c)).toEqual({ passed: false, reason: "the daemon has not had this step's GET /version request from the guest socket yet" });
    expect(await evaluateCheck({ kind: "request", method: "POST", path: "/version" }, c)).toMatchObject({ passed: false });
    expect(await evaluateCheck({ kind: "request", method: "POST", path: "/images/create?fromImage=busybox", status: "2xx" }, c)).toEqual({ passed: true });
    expect(await evaluateCheck({ kind: "request", method: "POST", path: "/images/create?fromImage=hello-world" }, c)).toMatchObject({ passed: false });
    // The page's own requests count only when named; the daemon's registry calls never.
    expect(await evaluateCheck({ kind: "request", method: "GET", path: "/containers/json" }, c)).toMatchObject({ passed: false });
    expect(await evaluateCheck({ kind: "request", method: "GET", path: "/containers/json", client: "this page" }, c)).toEqual({ passed: true });
    expect(await evaluateCheck({ kind: "request", method: "GET", path: "/v2/library" }, c)).toMatchObject({ passed: false });
    // A check's own docker command is not the learner's.
    expect(await evaluateCheck({ kind: "request", method: "GET", path: "/containers/web/logs" }, c)).toMatchObject({ passed: false });
    expect(await evaluateCheck({ kind: "request", method: "GET", path: "/images/nope/json", status: "200" }, c)).toEqual({ passed: false, reason: "the daemon answered GET /images/nope/json with 404, an error (the terminal says why), where this step wants 200" });
    expect(await evaluateCheck({ kind: "request", method: "GET", path: "/images/nope/json", status: "4xx" }, c)).toEqual({ passed: true });
    expect(await evaluateCheck({ kind: "request", method: "GET", path: "/info", status: "200" }, c)).toEqual({ passed: false, reason: "the daemon has not answered GET /info yet" });
    expect(await evaluateCheck({ kind: "request", method: "GET", path: "/info" }, c)).toEqual({ passed: true });
  });

  it("checks requests before anything else: a guest check's docker command is a request too", async () => {
    const c = context();
    const result = await evaluateChecks([{ kind: "guest", command: "docker inspect box", exitCode: 0 }, { kind: "request", method: "GET", path: "/containers/box/json" }], c);
    expect(result).toMatchObject({ passed: false, reason: expect.stringContaining("GET /containers/box/json") });
    expect(c.commands).toEqual([]);
  });

  it("passes a step when every check does, and says why the first one did not", async () => {
    const c = context();
    expect(await evaluateChecks([{ kind: "image", ref: "busybox" }, { kind: "container", name: "web", state: "running" }], c)).toEqual({ passed: true });
    expect(await evaluateChecks([{ kind: "image", ref: "alpine" }, { kind: "container", name: "nope", state: "running" }], c)).toEqual({ passed: false, reason: "the daemon has no image alpine yet" });
  });
});
