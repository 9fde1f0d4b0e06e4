// The Engine API's raw REST view (what a lesson shows with curl), its errors in Docker's words,
// and a fuzz of the router: no request makes the daemon fail or stop answering.
import { execFile } from "node:child_process";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wholeBody } from "../support/http-request";
import { startEngineServer, request, type EngineServer } from "../support/engine-server";

let server: EngineServer;
beforeAll(async () => {
  server = await startEngineServer();
}, 90_000);
afterAll(() => server?.stop());

const hasCurl = await new Promise<boolean>((resolve) => execFile("curl", ["--version"], (error) => resolve(!error)));
const curl = (...args: string[]) =>
  new Promise<string>((resolve, reject) => execFile("curl", ["-s", "--unix-socket", server.socket, ...args], (error, stdout) => (error ? reject(error) : resolve(stdout))));

describe("the Engine API", () => {
  it("answers _ping and version with Docker's headers, under any supported /vX.Y prefix", async () => {
    const ping = await request(server.socket, "GET", "/_ping");
    expect(ping).toMatchObject({ status: 200, text: "OK" });
    expect(ping.headers).toMatchObject({ "api-version": "1.47", ostype: "linux", "docker-experimental": "false" });
    const version = (await request(server.socket, "GET", "/v1.24/version")).json();
    expect(version).toMatchObject({ ApiVersion: "1.47", MinAPIVersion: "1.24", Os: "linux", Arch: "386" });
    expect(await request(server.socket, "GET", "/v1.99/version")).toMatchObject({ status: 400, text: '{"message":"client version 1.99 is too new. Maximum supported API version is 1.47"}\n' });
    expect((await request(server.socket, "GET", "/v1.12/version")).status).toBe(400);
  });

  it.skipIf(!hasCurl)("is what curl sees over the socket", async () => {
    expect(JSON.parse(await curl("http://localhost/v1.47/containers/json"))).toEqual([]);
    const info = JSON.parse(await curl("http://localhost/info")) as Record<string, unknown>;
    expect(info).toMatchObject({ OSType: "linux", Architecture: "i686", CgroupVersion: "2", Driver: "overlay2", NCPU: 1 });
    expect(await curl("http://localhost/nope")).toBe('{"message":"page not found"}\n');
    const pull = await curl("-X", "POST", "http://localhost/images/create?fromImage=hello-world&tag=latest");
    const lines = pull.trim().split(/\r?\n/).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toEqual({ status: "Pulling from library/hello-world", id: "latest" });
    expect(lines.at(-1)).toEqual({ status: "Status: Downloaded newer image for hello-world:latest" });
  });

  it("gives Docker's errors and statuses for bad input", async () => {
    expect(await request(server.socket, "GET", "/containers/nope/json")).toMatchObject({ status: 404, text: '{"message":"No such container: nope"}\n' });
    expect(await request(server.socket, "GET", "/images/nope/json")).toMatchObject({ status: 404, text: '{"message":"No such image: nope:latest"}\n' });
    expect(await request(server.socket, "POST", "/containers/create", "{not json")).toMatchObject({ status: 400 });
    expect((await request(server.socket, "POST", "/containers/create", { Image: "Bad Name" })).json()).toEqual({ message: "invalid reference format" });
    expect(await request(server.socket, "POST", "/containers/create", { Image: "nosuch" })).toMatchObject({ status: 404, text: '{"message":"No such image: nosuch:latest"}\n' });
    expect(await request(server.socket, "POST", "/containers/create?name=a%20b", { Image: "hello-world" })).toMatchObject({ status: 400 });
    expect((await request(server.socket, "POST", "/images/create?fromImage=nosuch")).text).toContain('"error":"pull access denied for nosuch');
    expect((await request(server.socket, "POST", "/containers/create", { Image: "hello-world", HostConfig: { AutoRemove: true, RestartPolicy: { Name: "always" } } })).json()).toEqual({
      message: "conflicting options: cannot specify both --restart and --rm",
    });
    expect((await request(server.socket, "POST", "/containers/create", { Image: "hello-world", HostConfig: { RestartPolicy: { Name: "sometimes" } } })).status).toBe(400);
    const created = (await request(server.socket, "POST", "/containers/create?name=sleeper", { Image: "hello-world", Cmd: ["/hello"] })).json() as { Id: string };
    expect(created.Id).toMatch(/^[0-9a-f]{64}$/);
    expect(await request(server.socket, "POST", "/containers/create?name=sleeper", { Image: "hello-world" })).toMatchObject({ status: 409 });
    expect((await request(server.socket, "POST", `/containers/${created.Id.slice(0, 6)}/kill`)).status).toBe(409);
    expect((await request(server.socket, "DELETE", "/images/hello-world")).status).toBe(409);
    expect((await request(server.socket, "DELETE", "/containers/sleeper")).status).toBe(204);
  });

  it("survives random requests and malformed bytes, and still answers", async () => {
    const methods = ["GET", "POST", "DELETE", "PUT", "HEAD", "PATCH"];
    const pieces = ["containers", "images", "exec", "json", "start", "stop", "wait", "logs", "attach", "create", "_ping", "v1.47", "v9.9", "..", "%00", "sleeper", "busybox", "x".repeat(300)];
    const bodies = ["", "{}", "[]", "null", '{"Image":42}', '{"Cmd":"x","Image":"hello-world"}', "\u0000\u0001", '{"HostConfig":{"Memory":-1},"Image":"hello-world"}'];
    let seed = 42;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    for (let i = 0; i < 300; i++) {
      const path = "/" + Array.from({ length: 1 + random(4) }, () => pieces[random(pieces.length)]).join("/") + (random(3) === 0 ? "?all=1&filters=%7Bbad" : "");
      const response = await server.engine.handle({
        method: methods[random(methods.length)]!,
        path,
        query: new URLSearchParams(path.split("?")[1] ?? ""),
        headers: new Map(),
        body: wholeBody(new TextEncoder().encode(bodies[random(bodies.length)]!)),
        signal: new AbortController().signal,
      });
      expect([101, 200, 201, 204, 304, 400, 404, 409, 500, 501], `${path}`).toContain(response.status ?? 101);
    }
    for (const garbage of ["GARBAGE\r\n\r\n", "GET / HTTP/9\r\n\r\n", "POST /containers/create HTTP/1.1\r\nContent-Length: -5\r\n\r\n", "\u0000".repeat(70_000)]) {
      const reply = await new Promise<string>((resolve) => {
        const socket = connect(server.socket);
        let text = "";
        socket.on("data", (c) => (text += c.toString()));
        socket.on("close", () => resolve(text));
        socket.on("error", () => resolve(text));
        socket.end(garbage);
      });
      expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    }
    expect((await request(server.socket, "GET", "/_ping")).text).toBe("OK");
  });
});
