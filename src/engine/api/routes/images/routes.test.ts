import { describe, expect, it } from "vitest";
import { fakeEngine } from "../../../../../tests/support/fake-engine";
import { TEST_IMAGES } from "../../../../../tests/support/memory-hub";

const filters = (value: object) => `filters=${encodeURIComponent(JSON.stringify(value))}`;
type Row = { RepoTags: string[]; Containers: number; Created: number; Size: number; SharedSize: number };

describe("the image routes over the daemon", () => {
  it("pulls from the hub, lists newest first through the filters, counting no containers, as Docker (only /system/df does)", async () => {
    const engine = await fakeEngine();
    const pulled = await engine.request("POST", "/images/create?fromImage=busybox&tag=latest");
    expect(pulled.text.split("\r\n").filter(Boolean).map((line) => (JSON.parse(line) as { status: string }).status).at(-1)).toBe("Status: Downloaded newer image for busybox:latest");
    await engine.pull("hello-world");
    await engine.request("POST", "/containers/create?name=a", { Image: "busybox" });
    const rows = (await engine.request("GET", "/images/json")).json() as Row[];
    expect(rows.map((row) => [row.RepoTags, row.Containers])).toEqual([[["busybox:latest"], -1], [["hello-world:latest"], -1]]);
    expect(((await engine.request("GET", `/images/json?${filters({ reference: ["hello*"] })}`)).json() as Row[]).map((row) => row.RepoTags)).toEqual([["hello-world:latest"]]);
    expect(((await engine.request("GET", "/v1.40/images/json?filter=busy*")).json() as Row[]).map((row) => row.RepoTags)).toEqual([["busybox:latest"]]);
    expect((await engine.request("GET", `/images/json?${filters({ dangling: ["maybe"] })}`)).status).toBe(400);
  });

  it("gives the bytes of the layers each image shares with another when asked (API 1.42 on), and -1 otherwise", async () => {
    const engine = await fakeEngine({ images: [...TEST_IMAGES, { name: "app", config: { Cmd: ["sh"] }, created: "2025-09-01T00:00:00Z", from: "busybox" }] });
    for (const image of ["busybox", "hello-world", "app"]) await engine.pull(image);
    const sizes = async (path: string) => ((await engine.request("GET", path)).json() as Row[]).map((row) => [row.RepoTags[0], row.SharedSize]);
    const busybox = ((await engine.request("GET", "/images/busybox/json")).json() as { Size: number }).Size;
    expect(await sizes("/images/json?shared-size=1")).toEqual([["app:latest", busybox], ["busybox:latest", busybox], ["hello-world:latest", 0]]);
    expect(await sizes("/images/json")).toEqual([["app:latest", -1], ["busybox:latest", -1], ["hello-world:latest", -1]]);
    expect(await sizes("/v1.41/images/json?shared-size=1")).toEqual([["app:latest", -1], ["busybox:latest", -1], ["hello-world:latest", -1]]);
  });

  it("refuses to remove an image a container uses, in Docker's words, and prunes what none uses", async () => {
    const engine = await fakeEngine();
    await engine.pull("busybox");
    await engine.pull("hello-world");
    await engine.request("POST", "/containers/create?name=a", { Image: "busybox" });
    const refused = await engine.request("DELETE", "/images/busybox");
    expect([refused.status, refused.json()]).toEqual([409, { message: expect.stringMatching(/^conflict: unable to remove repository reference "busybox" \(must force\) - container [0-9a-f]{12} is using its referenced image [0-9a-f]{12}$/) }]);
    expect((await engine.request("POST", "/images/busybox/tag?repo=mine/box&tag=1")).status).toBe(201);
    expect((await engine.request("DELETE", "/images/mine/box:1")).json()).toEqual([{ Untagged: "mine/box:1" }]);
    const pruned = (await engine.request("POST", `/images/prune?${filters({ dangling: ["false"] })}`)).json() as { ImagesDeleted: object[]; SpaceReclaimed: number };
    expect(pruned.ImagesDeleted).toEqual([{ Untagged: "hello-world:latest" }, { Untagged: expect.stringMatching(/^hello-world@sha256:/) }, { Deleted: expect.stringMatching(/^sha256:/) }]);
    expect(pruned.SpaceReclaimed).toBeGreaterThan(0);
    expect(((await engine.request("GET", "/images/json")).json() as Row[]).map((row) => row.RepoTags)).toEqual([["busybox:latest"]]);
    expect((await engine.request("GET", "/images/nope/json")).json()).toEqual({ message: "No such image: nope:latest" });
  });
});
