import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dockerCli } from "../../../../../tests/support/cli";
import { fakeEngine } from "../../../../../tests/support/fake-engine";

describe("docker builder prune", () => {
  it("asks first, then frees the build cache no image holds, and says what it freed", async () => {
    const engine = await fakeEngine();
    const dir = mkdtempSync(join(tmpdir(), "drydock-prune-"));
    writeFileSync(join(dir, "Dockerfile"), "FROM busybox\nCOPY Dockerfile /\n");
    expect((await dockerCli(engine, ["build", "-q", "-t", "app", dir])).code).toBe(0);
    expect((await dockerCli(engine, ["builder", "prune", "-f"])).stdout).toBe("Total reclaimed space: 0B\n");
    expect((await dockerCli(engine, ["builder", "prune", "-a"], { stdin: "n\n" })).stdout).toBe("WARNING! This will remove all build cache. Are you sure you want to continue? [y/N] ");
    await dockerCli(engine, ["rmi", "app"]);
    const pruned = await dockerCli(engine, ["builder", "prune", "-af"]);
    expect(pruned.stdout).toMatch(/^Deleted build cache objects:\n[0-9a-f]{25}\n\nTotal reclaimed space: \d+(\.\d+)?kB\n$/);
    const refused = await dockerCli(engine, ["builder", "prune", "--keep-storage", "1g"]);
    expect(refused.code).toBe(125);
    expect(refused.stderr).toContain("Drydock does not support --keep-storage yet");
  });
});
