import { describe, expect, it } from "vitest";
import { fakeEngine } from "../../../../../tests/support/fake-engine";
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

  it("gives /system/df's images, containers and layer sizes", async () => {
    const engine = await fakeEngine();
    await engine.pull("busybox");
    await engine.request("POST", "/containers/create?name=a", { Image: "busybox" });
    const df = (await engine.request("GET", "/system/df")).json() as { LayersSize: number; Images: { Size: number; Containers: number }[]; Containers: { Names: string[]; SizeRw: number }[] };
    expect(df.LayersSize).toBe(df.Images[0]!.Size);
    expect(df.Images.map((image) => image.Containers)).toEqual([1]);
    expect(df.Containers.map((c) => [c.Names, c.SizeRw])).toEqual([[["/a"], 0]]);
    expect((await engine.request("HEAD", "/_ping")).status).toBe(200);
  });
});
