import { describe, expect, it } from "vitest";
import type { RuntimeConnection } from "../runtime/runtime";
import { PagePorts } from "./page-ports";

const connection = (name: string) => ({ name }) as unknown as RuntimeConnection;

describe("PagePorts", () => {
  it("dials the container a port is published for, until it is given back", async () => {
    const ports = new PagePorts();
    const published = await ports.publish("0.0.0.0", 8080, async () => connection("site"));
    expect(await ports.dial(8080)).toEqual({ name: "site" });
    published.dispose();
    await expect(ports.dial(8080)).rejects.toMatchObject({ kind: "NotFound", message: "no container publishes port 8080" });
  });

  it("keeps a port published on another address when one of its bindings goes", async () => {
    const ports = new PagePorts();
    const loopback = await ports.publish("127.0.0.1", 8080, async () => connection("a"));
    await ports.publish("10.0.0.1", 8080, async () => connection("b"));
    loopback.dispose();
    expect(await ports.dial(8080)).toEqual({ name: "b" });
    await expect(ports.dial(9090)).rejects.toMatchObject({ kind: "NotFound" });
  });
});
