// docker-py (Debian's python3-docker, run by Debian's python3) against the engine's Engine API on
// a UNIX socket, real VM behind: a user's script runs, lists, inspects, reads logs, waits,
// removes, and asks for images, info, version and disk use (tests/compat/docker-py-session.py).
import { execFile } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/node/paths";
import { startEngineServer, type EngineServer } from "../support/engine-server";

/** Debian's interpreter, whatever else is first on PATH: python3-docker installs for it alone. */
const PYTHON = "/usr/bin/python3";
const SCRIPT = join(PROJECT_ROOT, "tests", "compat", "docker-py-session.py");

const hasDockerPy = await new Promise<boolean>((resolve) => execFile(PYTHON, ["-c", "import docker"], (error) => resolve(!error)));

let server: EngineServer | undefined;
beforeAll(async () => {
  if (hasDockerPy) server = await startEngineServer();
}, 90_000);
afterAll(() => server?.stop());

const session = () =>
  new Promise<Record<string, unknown>>((resolve, reject) => {
    execFile(PYTHON, [SCRIPT], { env: { ...process.env, DOCKER_HOST: `unix://${server!.socket}` }, timeout: 100_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as Record<string, unknown>),
    );
  });

describe.skipIf(!hasDockerPy)(`docker-py${hasDockerPy ? "" : ` (skipped: ${PYTHON} cannot import docker; apt-get install python3-docker)`}`, () => {
  it("runs, lists, inspects, reads logs, waits for and removes containers, and reads images, info, version and disk use", async () => {
    const seen = await session();
    expect(seen.run).toBe("hi\n");
    expect(seen.wait).toEqual({ StatusCode: 3, Error: null });
    expect(seen.logs).toBe("out\nerr\n");
    expect(seen.stdout).toBe("out\n");
    expect(seen.running).toEqual(["py-sleeper"]);
    expect(seen.all).toEqual(["py-quitter", "py-sleeper"]);
    expect(seen.status).toBe("running");
    expect(seen.attrs).toEqual({ Name: "/py-sleeper", Cmd: ["sleep", "60"], LogConfig: { Type: "json-file", Config: {} }, NetworkMode: "bridge", Running: true });
    expect(seen.image).toEqual(["busybox:latest"]);
    expect(seen.left).toEqual([]);
    expect(seen.images).toEqual(["busybox:latest"]);
    expect(seen.info).toMatchObject({ OSType: "linux", Architecture: "i686", LoggingDriver: "json-file", Images: 1 });
    expect(seen.version).toEqual({ ApiVersion: "1.47", Os: "linux", Arch: "386" });
    // The container of the plain run() is still there (Docker keeps it), so busybox is in use.
    expect(seen.df).toEqual({ images: [[["busybox:latest"], 1, 0]], layersIsTheImagesSize: true });
  });
});
