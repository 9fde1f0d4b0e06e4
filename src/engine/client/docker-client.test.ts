// The typed Docker client against a daemon over the fake runtime: real HTTP bytes through the
// router, no VM.
import { beforeEach, describe, expect, it } from "vitest";
import { fakeEngine, type FakeEngine } from "../../../tests/support/fake-engine";
import { DaemonError } from "./errors";
import { DockerClient } from "./docker-client";
import { EngineHttpClient } from "./engine-http-client";

let engine: FakeEngine;
let docker: DockerClient;

beforeEach(async () => {
  engine = await fakeEngine();
  await engine.pull("busybox");
  docker = new DockerClient(new EngineHttpClient(() => engine.dial(), "drydock://test", "docker-client-test"));
});

const rejection = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe("DockerClient containers", () => {
  it("creates, starts, lists, stops and removes a container, each step seen in the next", async () => {
    const { Id: id } = await docker.containers.create({ Image: "busybox", Cmd: ["sleep", "300"] }, "web");
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    await docker.containers.start("web");
    expect((await docker.containers.list()).map((c) => [c.Names, c.State, c.Image])).toEqual([[["/web"], "running", "busybox"]]);
    await docker.containers.stop("web", { t: 0 });
    expect(await docker.containers.list()).toEqual([]);
    expect((await docker.containers.list({ all: true }))[0]).toMatchObject({ Id: id, State: "exited" });
    expect((await docker.containers.inspect("/web")).State).toMatchObject({ Status: "exited", Running: false });
    await docker.containers.remove("web");
    const error = await rejection(docker.containers.inspect("web"));
    expect(error).toBeInstanceOf(DaemonError);
    expect((error as DaemonError).line).toBe("Error response from daemon: No such container: web");
  });

  it("filters the list with the API's filters JSON", async () => {
    await docker.containers.create({ Image: "busybox", Cmd: ["true"], Labels: { tier: "web" } }, "a");
    await docker.containers.create({ Image: "busybox", Cmd: ["true"] }, "b");
    const labelled = await docker.containers.list({ all: true, filters: JSON.stringify({ label: { tier: true } }) });
    expect(labelled.map((c) => c.Names[0])).toEqual(["/a"]);
  });

  it("waits for the exit code, then prunes what exited", async () => {
    await docker.containers.create({ Image: "busybox", Cmd: ["false"] }, "fails");
    const exit = docker.containers.wait("fails", { condition: "next-exit" });
    await docker.containers.start("fails");
    expect(await exit).toEqual({ StatusCode: 1, Error: null });
    const pruned = await docker.containers.prune();
    expect(pruned.ContainersDeleted).toHaveLength(1);
    expect(pruned.SpaceReclaimed).toBe(0);
    expect(await docker.containers.prune()).toEqual({ ContainersDeleted: null, SpaceReclaimed: 0 });
  });

  it("reads a container's logs", async () => {
    await docker.containers.create({ Image: "busybox", Cmd: ["echo", "hello"], Tty: true }, "hi");
    const exit = docker.containers.wait("hi", { condition: "next-exit" });
    await docker.containers.start("hi");
    await exit;
    const { chunks } = await docker.containers.logs("hi");
    let text = "";
    for await (const chunk of chunks) text += new TextDecoder().decode(chunk);
    expect(text).toBe("hello\n");
  });
});

describe("DockerClient exec", () => {
  it("runs a command in a running container and reports its exit code", async () => {
    await docker.containers.create({ Image: "busybox", Cmd: ["sleep", "300"] }, "box");
    await docker.containers.start("box");
    const { Id: id } = await docker.exec.create("box", { Cmd: ["echo", "hi"], AttachStdout: true, Tty: true });
    const stream = await docker.exec.startAttached(id, { tty: true });
    let output = "";
    stream.onData((bytes) => void (output += new TextDecoder().decode(bytes)));
    await new Promise<void>((resolve) => stream.onEnd(resolve));
    expect(output).toBe("hi\n");
    expect(await docker.exec.inspect(id)).toMatchObject({ ID: id, Running: false, ExitCode: 0, ProcessConfig: { entrypoint: "echo", arguments: ["hi"] } });
  });
});

describe("DockerClient images", () => {
  it("lists, tags, inspects and removes images", async () => {
    expect((await docker.images.list()).map((i) => i.RepoTags)).toEqual([["busybox:latest"]]);
    await docker.images.tag("busybox", { repo: "mine", tag: "v1" });
    expect((await docker.images.inspect("mine:v1")).RepoTags.sort()).toEqual(["busybox:latest", "mine:v1"]);
    expect(await docker.images.remove("mine:v1")).toEqual([{ Untagged: "mine:v1" }]);
    expect((await docker.images.history("busybox"))[0]!.Tags).toEqual(["busybox:latest"]);
    const error = await rejection(docker.images.inspect("nothing"));
    expect((error as DaemonError).kind).toBe("NotFound");
  });

  it("prunes no image that is tagged", async () => {
    expect(await docker.images.prune()).toEqual({ ImagesDeleted: null, SpaceReclaimed: 0 });
  });
});

describe("DockerClient system", () => {
  it("reports the daemon's version, counts and disk usage", async () => {
    await docker.containers.create({ Image: "busybox", Cmd: ["true"] }, "one");
    expect((await docker.system.version()).ApiVersion).toBe("1.47");
    expect(await docker.system.info()).toMatchObject({ Containers: 1, ContainersStopped: 1, Images: 1, KernelVersion: "6.1.0-drydock" });
    const usage = await docker.system.diskUsage();
    expect(usage.Images.map((i) => i.RepoTags)).toEqual([["busybox:latest"]]);
    expect(usage.Containers.map((c) => c.Names)).toEqual([["/one"]]);
    expect(await docker.apiVersion()).toBe("1.47");
  });

  it("streams the events between since and until, each with its line as sent", async () => {
    const since = String(Math.floor(Date.now() / 1000));
    await docker.containers.create({ Image: "busybox", Cmd: ["true"] }, "noted");
    const until = String(Math.floor(Date.now() / 1000) + 1);
    const seen = [];
    for await (const { event, text } of await docker.system.events({ since, until, filters: JSON.stringify({ container: { noted: true } }) })) {
      seen.push(`${event.Type} ${event.Action} ${event.Actor.Attributes.name}`);
      expect(JSON.parse(text)).toEqual(event);
    }
    expect(seen).toEqual(["container create noted"]);
  });
});
