// The daemon's sockets inside the guest (real VM): /var/run/docker.sock and tcp://docker:2375,
// spoken to with Debian's curl and with `docker -H`, typed on the guest's console.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { typeLine } from "../support/console";
import { request, startEngineServer, type EngineServer } from "../support/engine-server";

let server: EngineServer;

beforeAll(async () => {
  server = await startEngineServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const SOCKET = "--unix-socket /var/run/docker.sock";

/** The last line the command printed (the echoed command line comes first). */
async function lastLine(line: string): Promise<string> {
  return (await lastLines(line, 1))[0]!;
}

async function lastLines(line: string, count: number): Promise<string[]> {
  return (await typeLine(server.machine, line)).split("\n").filter(Boolean).slice(-count);
}

describe("the Engine API inside the guest", () => {
  it("answers curl over /var/run/docker.sock, installing Debian's curl on its first use", async () => {
    expect(await typeLine(server.machine, "ls -l /usr/bin/curl")).toContain("-> ../libexec/drydock/agent");
    const containers = await lastLine(`curl -s ${SOCKET} http://localhost/v1.47/containers/json`);
    expect(JSON.parse(containers)).toEqual([]);
    // The link is now Debian's binary: later runs take no detour.
    expect(await typeLine(server.machine, "ls -l /usr/bin/curl; curl --version | head -1")).toMatch(/-rwxr-xr-x .* \/usr\/bin\/curl\ncurl 7\.88\.1/);
  });

  it("answers on tcp://docker:2375, a name the guest resolves", async () => {
    const version = JSON.parse(await lastLine("curl -s http://docker:2375/version")) as { ApiVersion: string; Os: string };
    expect(version).toMatchObject({ ApiVersion: "1.47", Os: "linux" });
    expect(await lastLine("curl -s http://docker:2375/_ping; echo")).toBe("OK");
  });

  it("keeps a connection alive across requests", async () => {
    const output = await typeLine(server.machine, `curl -sv ${SOCKET} http://localhost/_ping http://localhost/_ping 2>&1 | grep -c 'Re-using existing connection'`);
    expect(output.trimEnd().split("\n").at(-1)).toBe("1");
  });

  it("streams /events to curl -N as a container starts", async () => {
    const output = await typeLine(
      server.machine,
      // since: the start is seen even if curl (0.4 s to load) connects after it.
      `since=$(date +%s); (curl -sN ${SOCKET} "http://localhost/v1.47/events?since=$since&filters=%7B%22event%22%3A%5B%22start%22%5D%7D" > /tmp/events &); ` +
        "docker run --rm --name watched hello-world > /dev/null; sleep 1; killall curl; cat /tmp/events",
    );
    const event = JSON.parse(output.trimEnd().split("\n").at(-1)!) as { Type: string; Action: string; Actor: { Attributes: { name: string } } };
    expect(event).toMatchObject({ Type: "container", Action: "start", Actor: { Attributes: { name: "watched" } } });
  });

  it("serves docker -H tcp://docker:2375 and DOCKER_HOST, hijacked attach included", async () => {
    expect(await typeLine(server.machine, "docker -H tcp://docker:2375 ps -a --format '{{.Names}}'; echo status=$?")).toContain("status=0");
    expect(await typeLine(server.machine, "echo piped | DOCKER_HOST=tcp://docker:2375 docker run -i --rm busybox cat")).toContain("piped\n");
    expect(await typeLine(server.machine, "docker -H tcp://nosuch:2375 ps; echo status=$?")).toContain(
      'error during connect: Get "http://nosuch:2375/v1.47/containers/json": dial tcp: lookup nosuch: no such host\nstatus=1',
    );
    expect(await typeLine(server.machine, "docker -H tcp://127.0.0.1:1 ps; echo status=$?")).toContain(
      "Cannot connect to the Docker daemon at tcp://127.0.0.1:1. Is the docker daemon running?\nstatus=1",
    );
  });

  it("serves many clients at once on its TCP socket, the agent dialling its own listener for each", async () => {
    // In a subshell: the interactive shell's job reports stay out of the output.
    const succeeded = await lastLine("(for i in $(seq 30); do (docker -H tcp://docker:2375 ps -q > /dev/null; echo $? > /tmp/ps.$i) & done; wait); cat /tmp/ps.* | grep -c '^0$'");
    expect(succeeded).toBe("30");
    expect(await lastLine("curl -s http://docker:2375/_ping; echo")).toBe("OK");
  });

  it("switches daemons with docker contexts kept in the guest's ~/.docker, as Docker's CLI does", async () => {
    expect(await typeLine(server.machine, 'docker context create tcp --docker host=tcp://docker:2375 --description "the TCP socket"')).toContain('Successfully created context "tcp"');
    expect(await typeLine(server.machine, "docker context use tcp")).toContain('Current context is now "tcp"');
    expect(await lastLine("grep currentContext /root/.docker/config.json")).toContain('"currentContext": "tcp"');
    const ls = await typeLine(server.machine, "docker ps -q; echo status=$?; docker context ls");
    expect(ls).toContain("status=0");
    expect(ls).toMatch(/^tcp \* +the TCP socket +tcp:\/\/docker:2375/m);
    expect(await typeLine(server.machine, "docker context rm tcp; echo status=$?")).toContain('context "tcp" is in use, set -f flag to force remove\nstatus=1');
    expect(await typeLine(server.machine, "DOCKER_CONTEXT=default docker context show; docker context use default; docker context rm tcp")).toMatch(/^default\n[\s\S]*Current context is now "default"\ntcp$/m);
  });

  it("gives a malformed request the daemon's own 400 and 404, and goes on serving", async () => {
    const badJson = await lastLines(`curl -s -w '\\n%{http_code}\\n' -X POST -H 'Content-Type: application/json' -d '{bad' ${SOCKET} http://localhost/v1.47/containers/create`, 2);
    const elsewhere = await request(server.socket, "POST", "/v1.47/containers/create", "{bad");
    expect(elsewhere.status).toBe(400);
    expect(badJson).toEqual([elsewhere.text.trim(), "400"]);
    expect(await lastLines(`curl -s -w '\\n%{http_code}\\n' ${SOCKET} http://localhost/v1.47/nope`, 2)).toEqual(['{"message":"page not found"}', "404"]);
    const garbage = await typeLine(server.machine, "printf 'BOGUS\\r\\n\\r\\n' | nc docker 2375");
    expect(garbage).toContain("HTTP/1.1 400 Bad Request");
    expect(await lastLine(`curl -s ${SOCKET} http://localhost/_ping; echo`)).toBe("OK");
  });
});
