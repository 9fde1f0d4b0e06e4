import { describe, expect, it } from "vitest";
import { fakeEngine } from "../../../../../tests/support/fake-engine";
import { TEST_IMAGES } from "../../../../../tests/support/memory-hub";
import { DRYDOCK_VERSION } from "../../../../shared/version";

describe("the system routes over the daemon", () => {
  it("counts containers and images for /info, and reports the host's facts", async () => {
    const engine = await fakeEngine();
    await engine.pull("busybox");
    for (const name of ["up", "paused", "stopped"]) await engine.request("POST", `/containers/create?name=${name}`, { Image: "busybox", Cmd: ["sleep", "300"] });
    await engine.request("POST", "/containers/up/start");
    await engine.request("POST", "/containers/paused/start");
    await engine.request("POST", "/containers/paused/pause");
    expect((await engine.request("GET", "/info")).json()).toMatchObject({
      Containers: 3,
      ContainersRunning: 1,
      ContainersPaused: 1,
      ContainersStopped: 1,
      Images: 1,
      KernelVersion: "6.1.0-drydock",
      MemTotal: 256 * 1024 * 1024,
      ServerVersion: DRYDOCK_VERSION,
      Name: "drydock",
    });
    expect((await engine.request("GET", "/version")).json()).toMatchObject({ Version: DRYDOCK_VERSION, ApiVersion: "1.47", KernelVersion: "6.1.0-drydock", Arch: "386" });
  });

  it("gives /system/df's images with their containers and shared bytes, its containers, and each layer's size once", async () => {
    const engine = await fakeEngine({ images: [...TEST_IMAGES, { name: "app", config: { Cmd: ["sh"] }, created: "2025-09-01T00:00:00Z", from: "busybox" }] });
    await engine.pull("busybox");
    await engine.pull("app");
    await engine.request("POST", "/containers/create?name=a", { Image: "busybox" });
    type Df = { LayersSize: number; Images: { RepoTags: string[]; Size: number; SharedSize: number; Containers: number }[]; Containers: { Names: string[]; SizeRw: number; SizeRootFs: number }[] };
    const df = (await engine.request("GET", "/system/df")).json() as Df;
    const [app, busybox] = df.Images;
    expect(df.Images.map((image) => [image.RepoTags, image.Containers, image.SharedSize])).toEqual([
      [["app:latest"], 0, busybox!.Size],
      [["busybox:latest"], 1, busybox!.Size],
    ]);
    // The busybox layer under both images is on disk once.
    expect(app!.Size).toBeGreaterThan(busybox!.Size);
    expect(df.LayersSize).toBe(app!.Size);
    expect(df.Containers.map((c) => [c.Names, c.SizeRw, c.SizeRootFs])).toEqual([[["/a"], 0, busybox!.Size]]);
    expect((await engine.request("HEAD", "/_ping")).status).toBe(200);
  });
});
