import { describe, expect, it } from "vitest";
import { fakeEngine } from "../../../../tests/support/fake-engine";
import { DrydockError } from "../../../shared/errors";
import type { LayerStore } from "../../layer/layer-store";
import type { RegistryClient } from "../../registry/registry-client";
import type { ContainerConfig, Runtime } from "../../runtime/runtime";
import { MemoryBlobStore } from "../../storage/blob-store";
import { MemoryKvStore, type KvStore } from "../../storage/kv-store";
import type { ContainerRecord } from "../container-repository";
import { Daemon } from "../daemon";

const IMAGE = "sha256:" + "ab".repeat(32);

/** A runtime that makes what it is asked to, and refuses a container whose CPU quota it cannot write. */
function runtime(): Runtime & { created: string[] } {
  const created: string[] = [];
  const refuse = (config: ContainerConfig) => (config.resources?.cpuQuota ?? 1000) < 1000;
  return {
    created,
    create: async (config: ContainerConfig) => {
      if (refuse(config)) throw new DrydockError("InvalidParameter", "setting cpu.max to 500 100000: invalid argument");
      created.push(config.id);
    },
    remove: async () => undefined,
    serveResolver: () => ({ dispose: () => undefined }),
  } as unknown as Runtime & { created: string[] };
}

function record(id: string, name: string, created: string, extra: Partial<ContainerRecord["config"]["HostConfig"]> = {}): ContainerRecord {
  return {
    id,
    name,
    created,
    imageId: IMAGE,
    config: { Image: "busybox", Cmd: ["true"], HostConfig: extra },
    path: "true",
    args: [],
    state: { Status: "exited", Running: false, Paused: false, Restarting: false, OOMKilled: false, Dead: false, Pid: 0, ExitCode: 0, Error: "", StartedAt: created, FinishedAt: created },
    restartCount: 0,
    manuallyStopped: false,
  };
}

async function daemonOver(kv: KvStore, rt: Runtime): Promise<Daemon> {
  await kv.put(`image/${IMAGE}`, { id: IMAGE, tags: ["docker.io/library/busybox:latest"], digests: [], config: { architecture: "386", os: "linux", rootfs: { type: "layers", diff_ids: [] } }, layers: [], size: 0 });
  return new Daemon({ runtime: rt, layers: {} as LayerStore, blobs: new MemoryBlobStore(), kv, registry: {} as RegistryClient, host: { kernelVersion: "6.1", memTotal: 256 << 20 } });
}

describe("Daemon.restore", () => {
  it("gives a name two records hold to the newer container, and keeps one the runtime refuses, dead, without failing the others", async () => {
    const kv = new MemoryKvStore();
    const old = "1".repeat(64);
    const current = "2".repeat(64);
    const refused = "3".repeat(64);
    await kv.put(`container/${old}`, record(old, "/web", "2026-01-01T00:00:00Z"));
    await kv.put(`container/${current}`, record(current, "/web", "2026-06-01T00:00:00Z"));
    await kv.put(`container/${refused}`, record(refused, "/slow", "2026-03-01T00:00:00Z", { CpuQuota: 500 }));
    const rt = runtime();
    const daemon = await daemonOver(kv, rt);
    await daemon.restore();
    expect((await daemon.containers.inspect("web")).id).toBe(current);
    expect((await daemon.containers.inspect(old)).name).not.toBe("/web");
    expect((await daemon.containers.inspect("slow")).state).toMatchObject({ Status: "dead", Dead: true, Error: "restoring the container: setting cpu.max to 500 100000: invalid argument" });
    expect(rt.created.sort()).toEqual([old, current]);
    await expect(daemon.containers.start("slow")).rejects.toMatchObject({ kind: "Conflict", message: "container is marked for removal and cannot be started" });
    await daemon.containers.remove("slow", { force: false });
    expect(await kv.get(`container/${refused}`)).toBeUndefined();
  });
});

describe("a daemon restart over the fake runtime", () => {
  it("brings back always and unless-stopped containers that were not stopped; a running one without a policy is exited, 255", async () => {
    const stores = { kv: new MemoryKvStore(), blobs: new MemoryBlobStore() };
    const first = await fakeEngine({ stores });
    await first.pull("busybox");
    const { containers } = first.daemon;
    const run = async (name: string, policy: string) => {
      await containers.create({ Image: "busybox", Cmd: ["sleep", "300"], HostConfig: { RestartPolicy: { Name: policy } } }, name);
      await containers.start(name);
    };
    await run("always", "always");
    await run("stopped", "unless-stopped");
    await run("plain", "no");
    await containers.stop("stopped", { timeoutSeconds: 0 });

    const second = await fakeEngine({ stores });
    const state = async (name: string) => (await second.daemon.containers.inspect(name)).state;
    expect(await state("always")).toMatchObject({ Status: "running", Running: true });
    expect(await state("stopped")).toMatchObject({ Status: "exited", ExitCode: 143 });
    expect(await state("plain")).toMatchObject({ Status: "exited", ExitCode: 255, Error: "the daemon restarted" });
    expect(second.runtime.ids()).toHaveLength(3);
    expect(second.restored).toEqual({ containers: 3, stopped: 1 });
  });
});
