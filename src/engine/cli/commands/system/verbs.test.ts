// The system verbs of Drydock's docker CLI against a daemon over the fake runtime.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliOver } from "../../../../../tests/support/cli";
import { fakeEngine } from "../../../../../tests/support/fake-engine";
import { DRYDOCK_VERSION } from "../../../../shared/version";

async function docker() {
  const engine = await fakeEngine();
  await engine.pull("busybox");
  return cliOver(engine, mkdtempSync(join(tmpdir(), "drydock-config-")));
}

describe("docker version, info and events", () => {
  it("reports the server's version and the host's facts", async () => {
    const run = await docker();
    expect((await run(["version", "--format", "{{.Server.APIVersion}} {{.Server.Os}}/{{.Server.Arch}} {{.Server.Version}}"])).stdout).toBe(`1.47 linux/386 ${DRYDOCK_VERSION}\n`);
    await run(["run", "-d", "busybox", "sleep", "300"]);
    await run(["create", "busybox"]);
    expect((await run(["info", "--format", "{{.OperatingSystem}} {{.NCPU}} {{.Containers}} {{.ContainersRunning}} {{.KernelVersion}}"])).stdout).toBe(
      "Drydock (an i686 Linux emulated by v86) 1 2 1 6.1.0-drydock\n",
    );
  });

  it("prints the events between --since and --until through --filter and --format", async () => {
    const run = await docker();
    const since = Math.floor(Date.now() / 1000);
    await run(["run", "--name", "once", "busybox", "true"]);
    await run(["rm", "once"]);
    const until = Math.floor(Date.now() / 1000) + 1;
    const events = await run(["events", "--since", String(since), "--until", String(until), "--filter", "container=once", "--format", "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}"]);
    expect(events).toEqual({ code: 0, stdout: "container create once\ncontainer attach once\ncontainer start once\ncontainer die once\ncontainer destroy once\n", stderr: "" });
  });
});
