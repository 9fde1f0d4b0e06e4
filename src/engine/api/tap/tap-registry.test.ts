import { describe, expect, it } from "vitest";
import type { ExchangeSummary } from "../../../shared/api-exchange";
import type { TappedExchange } from "./api-tap";
import { tapRegistry } from "./tap-registry";

describe("the tap on the daemon's registry calls", () => {
  it("records each call from the daemon to the registry, written out as HTTP", async () => {
    const seen: ExchangeSummary[] = [];
    let last: TappedExchange | undefined;
    const transport = tapRegistry(async () => ({ status: 200, headers: new Map([["content-type", "application/json"]]), body: new TextEncoder().encode("{}") }), {
      onExchange: (exchange) => {
        seen.push(exchange.summary());
        last = exchange;
      },
    });
    await transport("GET", "https://docker.io/v2/library/hello-world/manifests/latest", { Accept: "application/json" });
    expect(seen.map((s) => s.state)).toEqual(["waiting", "streaming", "done"]);
    expect(seen[2]).toMatchObject({ client: "daemon", server: "registry", method: "GET", path: "/v2/library/hello-world/manifests/latest", status: 200 });
    const raw = last!.raw();
    expect(new TextDecoder().decode(raw.request)).toBe("GET /v2/library/hello-world/manifests/latest HTTP/1.1\r\nHost: docker.io\r\nAccept: application/json\r\n\r\n");
    expect(new TextDecoder().decode(raw.response)).toBe("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}");
  });
});
