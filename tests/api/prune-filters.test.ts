// Prune and list filters through the Engine API on the socket (and the official docker CLI),
// with the real VM behind: a filter Docker refuses is its 400 and deletes nothing; label filters
// are ANDed; until spares what is newer.
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request, startEngineServer, type EngineServer } from "../support/engine-server";

let server: EngineServer;
beforeAll(async () => {
  server = await startEngineServer();
  for (const image of ["busybox", "hello-world"]) expect((await request(server.socket, "POST", `/images/create?fromImage=${image}&tag=latest`)).status).toBe(200);
}, 120_000);
afterAll(() => server?.stop());

const hasDocker = await new Promise<boolean>((resolve) => execFile("docker", ["--version"], (error) => resolve(!error)));

function docker(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.DOCKER_HOST;
  delete env.DOCKER_CONTEXT;
  return new Promise((resolve) => {
    execFile("docker", ["-H", `unix://${server.socket}`, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const query = (filters: unknown) => `filters=${encodeURIComponent(typeof filters === "string" ? filters : JSON.stringify(filters))}`;
const names = async (filters: unknown = {}) => ((await request(server.socket, "GET", `/containers/json?all=1&${query(filters)}`)).json() as { Names: string[] }[]).map((c) => c.Names[0]!.slice(1)).sort();
const imageTags = async () => ((await request(server.socket, "GET", "/images/json")).json() as { RepoTags: string[] }[]).flatMap((i) => i.RepoTags).sort();

async function create(name: string, labels?: Record<string, string>): Promise<string> {
  const reply = await request(server.socket, "POST", `/containers/create?name=${name}`, { Image: "busybox", Cmd: ["true"], Labels: labels });
  expect(reply.status).toBe(201);
  return (reply.json() as { Id: string }).Id;
}

describe("prune and list filters", () => {
  it("lists with label filters ANDed, and answers a bad status or key with Docker's 400", async () => {
    await create("both", { a: "1", b: "2" });
    await create("only-a", { a: "1" });
    expect(await names({ label: ["a=1", "b=2"] })).toEqual(["both"]);
    expect(await names({ label: ["a=1"] })).toEqual(["both", "only-a"]);
    expect(await request(server.socket, "GET", `/containers/json?${query({ status: ["bogus"] })}`)).toMatchObject({ status: 400, text: `{"message":"invalid filter 'status=bogus'"}\n` });
    expect(await request(server.socket, "GET", `/containers/json?${query({ colour: ["red"] })}`)).toMatchObject({ status: 400, text: `{"message":"invalid filter 'colour'"}\n` });
    expect(await request(server.socket, "GET", `/images/json?${query({ "label!": ["a"] })}`)).toMatchObject({ status: 400, text: `{"message":"invalid filter 'label!'"}\n` });
  });

  it("deletes nothing when the filters do not parse or name a key prune does not take", async () => {
    const before = await names();
    expect(await request(server.socket, "POST", `/containers/prune?${query("{bad")}`)).toMatchObject({ status: 400, text: '{"message":"invalid filter"}\n' });
    expect(await request(server.socket, "POST", `/containers/prune?${query({ colour: ["red"] })}`)).toMatchObject({ status: 400, text: `{"message":"invalid filter 'colour'"}\n` });
    expect(await request(server.socket, "POST", `/containers/prune?${query({ until: ["1h", "2h"] })}`)).toMatchObject({ status: 400, text: '{"message":"more than one until filter specified"}\n' });
    expect(await request(server.socket, "POST", `/containers/prune?${query({ until: ["soon"] })}`)).toMatchObject({ status: 400, text: '{"message":"failed to parse value as time or duration: \\"soon\\""}\n' });
    expect(await names()).toEqual(before);
  });

  it("prunes only what until and the labels select", async () => {
    const keepNo = await create("keep-no", { keep: "no" });
    await create("keep-yes", { keep: "yes" });
    await create("plain");
    // Created seconds ago: newer than 24 hours ago, so it stays.
    expect((await request(server.socket, "POST", `/containers/prune?${query({ until: ["24h"] })}`)).json()).toEqual({ ContainersDeleted: null, SpaceReclaimed: 0 });
    expect(await names()).toEqual(["both", "keep-no", "keep-yes", "only-a", "plain"]);
    expect((await request(server.socket, "POST", `/containers/prune?${query({ label: ["keep=no"] })}`)).json()).toEqual({ ContainersDeleted: [keepNo], SpaceReclaimed: 0 });
    expect(await names()).toEqual(["both", "keep-yes", "only-a", "plain"]);
    // label! spares those with the label: everything else stopped goes.
    expect(((await request(server.socket, "POST", `/containers/prune?${query({ "label!": ["keep"] })}`)).json() as { ContainersDeleted: string[] }).ContainersDeleted).toHaveLength(3);
    expect(await names()).toEqual(["keep-yes"]);
  });

  it("image prune -a with a label no image has deletes no image", async () => {
    const before = await imageTags();
    expect(before).toEqual(["busybox:latest", "hello-world:latest"]);
    const reply = await request(server.socket, "POST", `/images/prune?${query({ dangling: ["false"], label: ["nosuch=1"] })}`);
    expect(reply.json()).toEqual({ ImagesDeleted: null, SpaceReclaimed: 0 });
    expect(await request(server.socket, "POST", `/images/prune?${query({ dangling: ["maybe"] })}`)).toMatchObject({ status: 400, text: `{"message":"invalid filter 'dangling=[maybe]'"}\n` });
    expect(await request(server.socket, "POST", `/images/prune?${query({ reference: ["busybox"] })}`)).toMatchObject({ status: 400, text: `{"message":"invalid filter 'reference'"}\n` });
    expect(await imageTags()).toEqual(before);
  });
});

describe.skipIf(!hasDocker)("prune and list filters from the official docker CLI", () => {
  it("docker ps ANDs two label filters", async () => {
    await create("cli-both", { a: "1", b: "2" });
    await create("cli-a", { a: "1" });
    expect(await docker("ps", "-a", "--filter", "label=a=1", "--filter", "label=b=2", "--format", "{{.Names}}")).toEqual({ code: 0, stdout: "cli-both\n", stderr: "" });
    expect(await docker("ps", "--filter", "status=bogus")).toMatchObject({ code: 1, stderr: "Error response from daemon: invalid filter 'status=bogus'\n" });
  });

  it("docker container prune honours until and label filters", async () => {
    expect(await docker("container", "prune", "-f", "--filter", "until=24h")).toEqual({ code: 0, stdout: "Total reclaimed space: 0B\n", stderr: "" });
    const bothId = (await docker("ps", "-aq", "--no-trunc", "--filter", "name=^cli-both$")).stdout.trim();
    const pruned = await docker("container", "prune", "-f", "--filter", "label=a=1", "--filter", "label=b=2");
    expect(pruned).toEqual({ code: 0, stdout: `Deleted Containers:\n${bothId}\n\nTotal reclaimed space: 0B\n`, stderr: "" });
    expect(await docker("container", "prune", "-f", "--filter", "name=x")).toMatchObject({ code: 1, stderr: "Error response from daemon: invalid filter 'name'\n" });
    expect((await docker("ps", "-a", "--format", "{{.Names}}")).stdout.split("\n").filter(Boolean).sort()).toEqual(["cli-a", "keep-yes"]);
  });

  it("docker image prune -a keeps what a label filter spares, and then removes the unused image", async () => {
    expect(await docker("image", "prune", "-a", "-f", "--filter", "label=nosuch=1")).toEqual({ code: 0, stdout: "Total reclaimed space: 0B\n", stderr: "" });
    expect(await imageTags()).toEqual(["busybox:latest", "hello-world:latest"]);
    expect((await request(server.socket, "POST", "/images/hello-world/tag?repo=hello&tag=two")).status).toBe(201);
    const pruned = await docker("image", "prune", "-a", "-f");
    expect(pruned.stdout).toMatch(/^Deleted Images:\nuntagged: hello-world:latest\nuntagged: hello:two\nuntagged: hello-world@sha256:[0-9a-f]{64}\ndeleted: sha256:[0-9a-f]{64}\n\nTotal reclaimed space: [1-9]/);
    expect(await imageTags()).toEqual(["busybox:latest"]);
  });
});
