import { describe, expect, it } from "vitest";
import type { ExchangeClient, ExchangeSummary } from "../../shared/api-exchange";
import { adviceFor } from "./advice";

let id = 0;
const exchange = (client: ExchangeClient, method: string, path: string, status: number): ExchangeSummary => ({ id: ++id, client, server: "daemon", method, path, status, startedAt: 0, state: "done" });
const HUB = ["busybox", "hello-world"];

describe("adviceFor", () => {
  it("says how to clear a name an earlier run left", () => {
    expect(adviceFor([exchange("docker CLI", "POST", "/v1.47/containers/create?name=web", 409)], HUB)).toBe(
      "A container named `web` is left from an earlier run, so Docker refused the new one (Conflict). `docker rm -f web` removes it; then run the command again.",
    );
  });

  it("names what the offline hub has when an image it lacks was asked for", () => {
    expect(adviceFor([exchange("docker CLI", "POST", "/v1.47/images/create?fromImage=docker.io%2Flibrary%2Fubuntu&tag=latest", 200)], HUB)).toBe(
      'This Docker host is offline: its built-in hub has `busybox` and `hello-world`, and no `ubuntu`. Docker answers "pull access denied" for an image no registry it can reach has; there is nothing to log in for.',
    );
    expect(adviceFor([exchange("guest socket", "POST", "/images/create?fromImage=busybox:1.36", 200)], HUB)).toBeUndefined();
  });

  it("reads the newest mistake, and never the page's or a check's own requests", () => {
    const conflict = exchange("docker CLI", "POST", "/v1.47/containers/create?name=web", 409);
    expect(adviceFor([conflict, exchange("docker CLI", "POST", "/v1.47/images/create?fromImage=ubuntu", 200)], HUB)).toMatch(/no `ubuntu`/);
    expect(adviceFor([exchange("this page", "POST", "/v1.47/containers/create?name=web", 409), exchange("lesson check", "POST", "/images/create?fromImage=ubuntu", 200)], HUB)).toBeUndefined();
    expect(adviceFor([exchange("docker CLI", "POST", "/v1.47/containers/create?name=web", 201)], HUB)).toBeUndefined();
  });
});
