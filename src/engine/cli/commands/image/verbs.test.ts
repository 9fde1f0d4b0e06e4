// The image verbs of Drydock's docker CLI against a daemon over the fake runtime and an
// in-memory hub: pull's progress, the tables, tag and rmi with Docker's conflicts.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { cliOver } from "../../../../../tests/support/cli";
import { fakeEngine, type FakeEngine } from "../../../../../tests/support/fake-engine";

let engine: FakeEngine;
let docker: ReturnType<typeof cliOver>;

beforeEach(async () => {
  engine = await fakeEngine();
  docker = cliOver(engine, mkdtempSync(join(tmpdir(), "drydock-config-")));
});

describe("docker pull and images", () => {
  it("pulls with Docker's progress lines, then says the image is up to date", async () => {
    const pulled = await docker(["pull", "busybox"]);
    expect(pulled.code).toBe(0);
    expect(pulled.stdout.replace(/sha256:[0-9a-f]{64}/, "<digest>").replace(/[0-9a-f]{12}/g, "<id>")).toBe(
      [
        "Using default tag: latest",
        "latest: Pulling from library/busybox",
        "<id>: Pulling fs layer",
        "<id>: Waiting",
        "<id>: Verifying Checksum",
        "<id>: Download complete",
        "<id>: Pull complete",
        "Digest: <digest>",
        "Status: Downloaded newer image for busybox:latest",
        "docker.io/library/busybox:latest",
        "",
      ].join("\n"),
    );
    expect((await docker(["pull", "-q", "busybox:latest"])).stdout).toBe("docker.io/library/busybox:latest\n");
    expect((await docker(["pull", "busybox:latest"])).stdout).toContain("Status: Image is up to date for busybox:latest\n");
    expect(await docker(["pull", "nope"])).toMatchObject({ code: 1, stderr: "pull access denied for nope, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n" });
  });

  it("lists images in Docker's table, -q and --format, with their containers' count", async () => {
    await docker(["pull", "-q", "busybox"]);
    await docker(["pull", "-q", "hello-world"]);
    const table = (await docker(["images"])).stdout.split("\n");
    expect(table[0]).toMatch(/^REPOSITORY +TAG +IMAGE ID +CREATED +SIZE$/);
    expect(table.slice(1).map((row) => row.split(/ {2,}/).slice(0, 2))).toEqual([["busybox", "latest"], ["hello-world", "latest"], [""]]);
    expect((await docker(["images", "-q"])).stdout).toMatch(/^[0-9a-f]{12}\n[0-9a-f]{12}\n$/);
    expect((await docker(["image", "ls", "busybox", "--format", "{{.Repository}}:{{.Tag}}"])).stdout).toBe("busybox:latest\n");
    await docker(["create", "busybox"]);
    expect((await docker(["system", "df", "--format", "{{.Type}} {{.TotalCount}} {{.Active}}"])).stdout).toBe("Images 2 1\nContainers 1 0\nLocal Volumes 0 0\nBuild Cache 0 0\n");
    expect((await docker(["history", "-q", "busybox"])).stdout).toMatch(/^[0-9a-f]{12}\n$/);
    // The one layer's size, as Docker shows it (it was 0B).
    const size = (await docker(["images", "busybox", "--format", "{{.Size}}"])).stdout;
    expect(size).not.toBe("0B\n");
    expect((await docker(["history", "busybox", "--format", "{{.Size}}"])).stdout).toBe(size);
  });
});

describe("docker tag, rmi and image prune", () => {
  it("untags a tag, refuses an image a container uses, and removes it with -f", async () => {
    await docker(["pull", "-q", "busybox"]);
    expect(await docker(["tag", "busybox", "mine/box:1"])).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(await docker(["rmi", "mine/box:1"])).toEqual({ code: 0, stdout: "Untagged: mine/box:1\n", stderr: "" });
    await docker(["create", "--name", "user", "busybox"]);
    const refused = await docker(["rmi", "busybox"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Error response from daemon: conflict: unable to remove repository reference "busybox" \(must force\) - container [0-9a-f]{12} is using its referenced image [0-9a-f]{12}\n$/);
    const forced = await docker(["rmi", "-f", "busybox"]);
    expect(forced.stdout).toMatch(/^Untagged: busybox:latest\nUntagged: busybox@sha256:[0-9a-f]{64}\nDeleted: sha256:[0-9a-f]{64}\n$/);
    expect(await docker(["rmi", "nope"])).toEqual({ code: 1, stdout: "", stderr: "Error response from daemon: No such image: nope:latest\n" });
  });

  it("prunes with -a the images no container uses", async () => {
    await docker(["pull", "-q", "busybox"]);
    await docker(["pull", "-q", "hello-world"]);
    await docker(["create", "busybox"]);
    const pruned = await docker(["image", "prune", "-a", "-f"]);
    expect(pruned.stdout).toMatch(/^Deleted Images:\nuntagged: hello-world:latest\nuntagged: hello-world@sha256:[0-9a-f]{64}\ndeleted: sha256:[0-9a-f]{64}\n\nTotal reclaimed space: [\d.]+k?B\n$/);
    expect((await docker(["images", "--format", "{{.Repository}}"])).stdout).toBe("busybox\n");
  });
});
