// Bodies the daemon must refuse (the hardening issue's list) sent over the socket, and through
// the official docker CLI: each gets a 400 with Docker's words (or Drydock's, for what it does
// not do yet), and the daemon goes on answering.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request, startEngineServer, type EngineServer } from "../support/engine-server";
import { docker as dockerAt, hasDocker } from "../support/node-daemon";

let server: EngineServer;
beforeAll(async () => {
  server = await startEngineServer();
}, 90_000);
afterAll(() => server?.stop());

const docker = (...args: string[]) => dockerAt(server.socket, args);

const refused = (message: string, status = 400) => ({ status, text: `${JSON.stringify({ message })}\n` });

describe("bodies the daemon refuses", () => {
  it("answers the issue's type-confused and out-of-range bodies with 400 and Docker's words", async () => {
    const create = (body: unknown) => request(server.socket, "POST", "/containers/create", body);
    expect(await create("null")).toMatchObject(refused("config cannot be empty in order to create a container"));
    expect(await create({ Image: {} })).toMatchObject(refused("invalid JSON: json: cannot unmarshal object into Go struct field CreateRequest.Image of type string"));
    expect(await create({ Image: "busybox", Cmd: 5 })).toMatchObject(refused("invalid JSON: json: cannot unmarshal number into Go struct field CreateRequest.Cmd of type string"));
    expect(await create({ Image: "busybox", Entrypoint: 5 })).toMatchObject(refused("invalid JSON: json: cannot unmarshal number into Go struct field CreateRequest.Entrypoint of type string"));
    expect(await create({ Image: "busybox", Env: [1, 2] })).toMatchObject(refused("invalid JSON: json: cannot unmarshal number into Go struct field CreateRequest.Env of type string"));
    expect(await create("[".repeat(10_001) + "]".repeat(10_001))).toMatchObject(refused("invalid JSON: invalid character '[' exceeded max depth"));
    expect(await create('{"Image":"busybox","Cmd":' + "[".repeat(9_999) + "]".repeat(9_999) + "}")).toMatchObject(
      refused("invalid JSON: json: cannot unmarshal array into Go struct field CreateRequest.Cmd of type string"),
    );
    expect(await create({ Image: "busybox", HostConfig: "x" })).toMatchObject(refused("invalid JSON: json: cannot unmarshal string into Go struct field CreateRequest.HostConfig of type container.HostConfig"));
    expect(await create({ Image: "busybox", HostConfig: { Memory: "16m" } })).toMatchObject(refused("invalid JSON: json: cannot unmarshal string into Go struct field HostConfig.HostConfig.Memory of type int64"));
    expect(await create({ Image: "busybox", HostConfig: { Memory: -1 } })).toMatchObject(refused("Minimum memory limit allowed is 6MB"));
    expect(await create({ Image: "busybox", HostConfig: { CapAdd: ["BOGUS"] } })).toMatchObject(refused('invalid CapAdd: unknown capability: "CAP_BOGUS"'));
    expect(await create({ Image: "busybox", Hostname: "h".repeat(65) })).toMatchObject(refused(`hostname "${"h".repeat(65)}" is too long (maximum 64 bytes)`));
    expect(await create({ Image: "busybox", HostConfig: { PortBindings: { "53/udp": [{ HostPort: "53" }] } } })).toMatchObject(refused("Drydock forwards TCP ports only yet: 53/udp is not supported", 501));
    expect(await create({ Image: "busybox", HostConfig: { PortBindings: { "abc/tcp": [{ HostPort: "8080" }] } } })).toMatchObject(refused(`invalid port specification: "abc/tcp"`));
    expect(await create('{"Image":"busybox"} trailing')).toMatchObject(refused("unexpected content after JSON"));
    // The daemon looks for a user-defined network after the image, as Docker's create does.
    await request(server.socket, "POST", "/images/create?fromImage=busybox&tag=latest");
    expect(await create({ Image: "busybox", HostConfig: { NetworkMode: "mynet" } })).toMatchObject(refused("network mynet not found", 404));
    expect(await request(server.socket, "POST", "/containers/anything/exec", { Cmd: "ls" })).toMatchObject(
      refused("invalid JSON: json: cannot unmarshal string into Go struct field ExecOptions.Cmd of type []string"),
    );
    expect(await request(server.socket, "POST", "/containers/anything/start", { HostConfig: { Privileged: true } })).toMatchObject(
      refused("starting container with non-empty request body was deprecated since API v1.22 and removed in v1.24"),
    );
  });

  it.skipIf(!hasDocker)("gives the official docker CLI Docker's error, and its exit status 125", async () => {
    const fails = (result: { code: number; stderr: string }, message: string) => {
      expect(result.code).toBe(125);
      expect(result.stderr.split("\n")[0]).toBe(`docker: Error response from daemon: ${message}`);
    };
    fails(await docker("run", "--memory", "1b", "busybox", "true"), "Minimum memory limit allowed is 6MB");
    fails(await docker("run", "--hostname", "h".repeat(65), "busybox", "true"), `hostname "${"h".repeat(65)}" is too long (maximum 64 bytes)`);
    fails(await docker("run", "--cap-add", "BOGUS", "busybox", "true"), 'invalid CapAdd: unknown capability: "CAP_BOGUS"');
    fails(await docker("run", "-p", "53:53/udp", "busybox", "true"), "Drydock forwards TCP ports only yet: 53/udp is not supported");
  });

  it("still answers, and creates from a good body", async () => {
    expect(await request(server.socket, "GET", "/_ping")).toMatchObject({ status: 200, text: "OK" });
    const pull = await request(server.socket, "POST", "/images/create?fromImage=hello-world&tag=latest");
    expect(pull.status).toBe(200);
    const created = await request(server.socket, "POST", "/containers/create?name=good", { image: "hello-world", cmd: "/hello", HostConfig: { NetworkMode: "default", PidsLimit: 0 } });
    expect(created.status).toBe(201);
    const inspected = (await request(server.socket, "GET", "/containers/good/json")).json();
    expect(inspected).toMatchObject({ Path: "/hello", Config: { Cmd: ["/hello"] }, HostConfig: { NetworkMode: "bridge", PidsLimit: null } });
    expect((await request(server.socket, "DELETE", "/containers/good")).status).toBe(204);
  });
});
