// dockerode (the Node Docker SDK) against the engine's Engine API on a UNIX socket, real VM behind.
import Docker from "dockerode";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEngineServer, type EngineServer } from "../support/engine-server";

let server: EngineServer;
let docker: Docker;
beforeAll(async () => {
  server = await startEngineServer();
  docker = new Docker({ socketPath: server.socket });
}, 90_000);
afterAll(() => server?.stop());

const pull = (image: string) =>
  new Promise<unknown[]>((resolve, reject) => {
    docker.pull(image, (error: Error | null, stream: NodeJS.ReadableStream) => {
      if (error) return reject(error);
      docker.modem.followProgress(stream, (err: Error | null, output: unknown[]) => (err ? reject(err) : resolve(output)));
    });
  });

describe("dockerode", () => {
  it("pulls, creates, attaches, starts, waits, reads logs, inspects, lists and removes", async () => {
    const progress = await pull("busybox:latest");
    expect(progress.at(-1)).toEqual({ status: "Status: Downloaded newer image for busybox:latest" });
    const container = await docker.createContainer({ Image: "busybox", Cmd: ["sh", "-c", "echo out; echo err >&2; exit 2"], name: "sdk" });
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = "";
    let err = "";
    stdout.on("data", (c: Buffer) => (out += c.toString()));
    stderr.on("data", (c: Buffer) => (err += c.toString()));
    container.modem.demuxStream(stream, stdout, stderr);
    const waited = container.wait({ condition: "next-exit" });
    await container.start();
    expect(await waited).toEqual({ StatusCode: 2, Error: null });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect({ out, err }).toEqual({ out: "out\n", err: "err\n" });
    const logs = await container.logs({ stdout: true, stderr: true, timestamps: true });
    expect(logs.toString("latin1")).toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z out\n/);
    const info = await container.inspect();
    expect(info).toMatchObject({ Name: "/sdk", State: { Status: "exited", ExitCode: 2, Running: false }, Config: { Image: "busybox" } });
    const listed = await docker.listContainers({ all: true, filters: { name: ["sdk"] } });
    expect(listed.map((c) => c.Names)).toEqual([["/sdk"]]);
    await container.remove();
    await expect(container.inspect()).rejects.toMatchObject({ statusCode: 404, json: { message: `No such container: ${container.id}` } });
  });

  it("execs with its output and exit code", async () => {
    const container = await docker.createContainer({ Image: "busybox", Cmd: ["sleep", "60"] });
    await container.start();
    const exec = await container.exec({ Cmd: ["sh", "-c", "echo in exec; exit 5"], AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    const stdout = new PassThrough();
    let out = "";
    stdout.on("data", (c: Buffer) => (out += c.toString()));
    container.modem.demuxStream(stream, stdout, new PassThrough());
    await new Promise((resolve) => stream.on("end", resolve));
    expect(out).toBe("in exec\n");
    expect(await exec.inspect()).toMatchObject({ ExitCode: 5, Running: false });
    await container.remove({ force: true });
    expect((await docker.listContainers({ all: true })).map((c) => c.Id)).not.toContain(container.id);
  });
});
