// The API tap on the real VM: `docker run --rm hello-world` as the architecture view sees it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExchangeSummary } from "../../src/shared/api-exchange";
import type { TappedExchange } from "../../src/engine/api/tap/api-tap";
import { LESSON_CHECK_ENV } from "../../src/engine/cli/guest-cli";
import { runInGuest } from "../../src/engine/machine/guest-run";
import { dockerCli } from "../support/cli";
import { startEngineServer, type EngineServer } from "../support/engine-server";

let server: EngineServer;
const exchanges = new Map<number, TappedExchange>();

beforeAll(async () => {
  server = await startEngineServer({ tap: { onExchange: (exchange) => void exchanges.set(exchange.summary().id, exchange) } });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe("the API tap", () => {
  it("records docker run hello-world: create, 404, pull from the registry, create, attach, start, wait", async () => {
    exchanges.clear();
    const result = await dockerCli(server.engine, ["run", "--rm", "hello-world"]);
    expect(result.stdout).toContain("Hello from Drydock!");
    const all = [...exchanges.values()].map((e) => e.summary());
    const api = all.filter((s) => s.server === "daemon");
    const step = (s: ExchangeSummary) => `${s.method} ${s.path.replace(/\?.*/, "").replace(/[0-9a-f]{64}/, "{id}")} ${s.status}`;
    expect(api.map(step).filter((s) => !s.startsWith("HEAD /_ping"))).toEqual([
      "POST /v1.47/containers/create 404",
      "POST /v1.47/images/create 200",
      "POST /v1.47/containers/create 201",
      "POST /v1.47/containers/{id}/attach 101",
      "POST /v1.47/containers/{id}/wait 200",
      "POST /v1.47/containers/{id}/start 204",
    ]);
    expect(api.every((s) => s.client === "docker CLI" && s.state === "done" && s.durationMs !== undefined)).toBe(true);

    // The registry's exchanges happen during the pull, and only then.
    const pull = api[api.findIndex((s) => s.path.startsWith("/v1.47/images/create"))]!;
    const registry = all.filter((s) => s.server === "registry");
    expect(registry.length).toBeGreaterThanOrEqual(3);
    expect(registry.map((s) => s.path)).toContain("/v2/library/hello-world/manifests/latest");
    for (const s of registry) {
      expect(s).toMatchObject({ client: "daemon", method: "GET", status: 200, state: "done" });
      expect(s.id).toBeGreaterThan(pull.id);
      expect(s.startedAt + s.durationMs!).toBeLessThanOrEqual(pull.startedAt + pull.durationMs! + 1);
    }

    const first = [...exchanges.values()].find((e) => e.summary().path.startsWith("/v1.47/containers/create"))!.raw();
    expect(new TextDecoder().decode(first.request)).toMatch(/^POST \/v1\.47\/containers\/create HTTP\/1\.1\r\n/);
    expect(new TextDecoder().decode(first.response)).toMatch(/^HTTP\/1\.1 404 Not Found\r\n[\s\S]*No such image: hello-world:latest/);
  });

  it("names a lesson check's docker commands as the lesson's, and a shell's as the docker CLI's", async () => {
    const clientsOf = async (env: string[]) => {
      exchanges.clear();
      expect((await runInGuest(server.machine.agent, "docker ps -q", { env })).exitCode).toBe(0);
      return [...new Set([...exchanges.values()].map((e) => e.summary()).filter((s) => s.path.includes("/containers/json")).map((s) => s.client))];
    };
    expect(await clientsOf([LESSON_CHECK_ENV])).toEqual(["lesson check"]);
    expect(await clientsOf([])).toEqual(["docker CLI"]);
  });
});
