import { describe, expect, it } from "vitest";
import { Container } from "../container/container";
import { MemoryKvStore } from "../storage/kv-store";
import { ContainerRepository } from "./container-repository";

/** A store whose writes land only when let go, in any order asked for: the disk of a busy daemon. */
function slowStore() {
  const kv = new MemoryKvStore();
  const held: (() => void)[] = [];
  const store = {
    ...kv,
    get: kv.get.bind(kv),
    keys: kv.keys.bind(kv),
    delete: kv.delete.bind(kv),
    put: (key: string, value: unknown) => new Promise<void>((resolve) => held.push(() => void kv.put(key, value).then(resolve))),
  };
  /** Lets every write land, one round after another, until `done` settles. */
  const drain = async (done: Promise<unknown>) => {
    let settled = false;
    void done.then(() => (settled = true));
    while (!settled) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      held.splice(0).forEach((go) => go());
    }
    await done;
  };
  return { store, kv, drain };
}

const container = (id: string) => new Container(id, "/web", "2026-12-06T00:00:00Z", "sha256:x", { Image: "busybox" }, "true", []);

describe("ContainerRepository", () => {
  it("lands no write asked for before a removal after it: a removed container stays removed", async () => {
    const { store, kv, drain } = slowStore();
    const records = new ContainerRepository(store);
    const c = container("a".repeat(64));
    const saved = records.save(c);
    c.exited({ exitCode: 137, oomKilled: false });
    const exitSaved = records.save(c);
    const removed = records.remove(c.id);
    const late = records.save(c);
    await drain(Promise.all([saved, exitSaved, removed, late]));
    expect(await kv.keys("container/")).toEqual([]);
  });

  it("keeps a container's writes in the order they were asked for", async () => {
    const { store, kv, drain } = slowStore();
    const records = new ContainerRepository(store);
    const c = container("b".repeat(64));
    const first = records.save(c);
    c.renamed("/renamed");
    const second = records.save(c);
    await drain(Promise.all([first, second]));
    expect((await records.load()).map((r) => r.name)).toEqual(["/renamed"]);
    expect(await kv.keys("container/")).toHaveLength(1);
  });
});
