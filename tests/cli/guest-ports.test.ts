// A published port inside the guest, as the tab has it: `docker run -p` typed on the guest's
// console, then `wget localhost:PORT` there reaches the container's server through the agent's
// listener (docker-proxy's part), and the port is free again once the container stops.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { typeLine } from "../support/console";
import { startEngineServer, type EngineServer } from "../support/engine-server";

describe("published ports in the guest", () => {
  let server: EngineServer;
  beforeAll(async () => {
    server = await startEngineServer();
  }, 120_000);
  afterAll(() => server?.stop());

  it("serves the container's page on the guest's localhost:PORT while it runs", async () => {
    const run = await typeLine(server.machine, `docker run -d -p 8080:80 --name web busybox sh -c 'mkdir /www && echo hi from web > /www/index.html && httpd -f -p 80 -h /www'`);
    expect(run).toMatch(/[0-9a-f]{64}/);
    expect(await typeLine(server.machine, "docker port web")).toContain("80/tcp -> 0.0.0.0:8080");
    let page = "";
    for (let i = 0; i < 20 && !page.includes("hi from web"); i++) page = await typeLine(server.machine, "wget -qO- http://localhost:8080/ || sleep 1");
    expect(page).toContain("hi from web");
    await typeLine(server.machine, "docker stop -t 1 web");
    const after = await typeLine(server.machine, 'wget -qO- -T 3 http://localhost:8080/; echo "status=$?"');
    expect(after).toContain("status=1");
    await typeLine(server.machine, "docker rm web");
  }, 180_000);
});
