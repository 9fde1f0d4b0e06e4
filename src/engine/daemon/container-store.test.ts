import { describe, expect, it } from "vitest";
import { fakeEngine } from "../../../tests/support/fake-engine";
import { Container } from "../container/container";
import { ContainerStore } from "./container-store";

const container = (id: string, name: string) => new Container(id.padEnd(64, "0"), `/${name}`, "2026-01-01T00:00:00Z", "sha256:x", { Image: "busybox" }, "sh", []);

describe("ContainerStore", () => {
  const store = new ContainerStore();
  const web = container("abc1", "web");
  const db = container("abc2", "db");
  const other = container("def", "other");
  for (const c of [web, db, other]) store.add(c);

  it("finds a container by full ID, by name with or without its slash, and by a unique ID prefix", () => {
    store.add(container("ffff", "abc"));
    // A name wins over a prefix that would be ambiguous.
    expect(store.get("abc").name).toBe("/abc");
    store.delete("ffff".padEnd(64, "0"));
    expect(store.get(web.id)).toBe(web);
    expect(store.get("web")).toBe(web);
    expect(store.get("/db")).toBe(db);
    expect(store.get("abc2")).toBe(db);
    expect(store.get("d")).toBe(other);
  });

  it("refuses an ambiguous prefix and names what it cannot find, in Docker's words", () => {
    expect(() => store.get("abc")).toThrow(expect.objectContaining({ kind: "InvalidParameter", message: "multiple IDs found with provided prefix: abc" }));
    expect(() => store.get("nope")).toThrow(expect.objectContaining({ kind: "NotFound", message: "No such container: nope" }));
    expect(() => store.get("ABC1")).toThrow(expect.objectContaining({ kind: "NotFound" }));
  });

  it("holds a name for a create on its way, and checks names against Docker's pattern", () => {
    store.reserve("pending", "f".repeat(64));
    expect(store.taken("pending")).toBe(true);
    expect(() => store.assertFree("pending")).toThrow(expect.objectContaining({ kind: "Conflict", message: expect.stringContaining(`"/pending" is already in use by container "${"f".repeat(64)}"`) }));
    store.release("pending");
    expect(store.taken("pending")).toBe(false);
    expect(store.nameFor("/fine.name_1")).toBe("fine.name_1");
    expect(() => store.nameFor("-bad")).toThrow(expect.objectContaining({ kind: "InvalidParameter", message: "Invalid container name (-bad), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed" }));
    expect(store.nameFor(undefined)).toMatch(/^[a-z]+_[a-z]+\d?$/);
  });
});

describe("names through the daemon", () => {
  it("lets one of two creates of the same name at once have it: the other is Docker's conflict", async () => {
    const engine = await fakeEngine();
    await engine.pull("busybox");
    const results = await Promise.allSettled([0, 1].map(() => engine.daemon.containers.create({ Image: "busybox" }, "twin")));
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!.reason as Error;
    expect(refused.message).toMatch(/^Conflict\. The container name "\/twin" is already in use by container "[0-9a-f]{64}"\. You have to remove \(or rename\) that container to be able to reuse that name\.$/);
  });

  it("renames, refusing a name another container has", async () => {
    const engine = await fakeEngine();
    await engine.pull("busybox");
    // Names that are not hex: a lookup of one never finds a container by an ID prefix.
    await engine.daemon.containers.create({ Image: "busybox" }, "one");
    await engine.daemon.containers.create({ Image: "busybox" }, "two");
    await expect(engine.daemon.containers.rename("one", "two")).rejects.toMatchObject({ kind: "Conflict" });
    await engine.daemon.containers.rename("one", "/three");
    expect((await engine.daemon.containers.inspect("three")).name).toBe("/three");
    await expect(engine.daemon.containers.inspect("one")).rejects.toMatchObject({ kind: "NotFound" });
  });
});
