import { describe, expect, it } from "vitest";
import type { ContainerSummary } from "../../shared/engine-api/containers";
import { publishedPorts } from "./published-ports";

const container = (name: string, state: string, ports: ContainerSummary["Ports"]): ContainerSummary => ({ Id: name.repeat(12), Names: [`/${name}`], Image: "busybox", ImageID: "sha256:b", Command: "httpd", Created: 0, State: state, Status: "", Ports: ports });

describe("publishedPorts", () => {
  it("lists the running containers' published ports by host port, as docker ps words them", () => {
    const ports = publishedPorts([
      container("site", "running", [
        { PrivatePort: 443, Type: "tcp" },
        { IP: "0.0.0.0", PrivatePort: 80, PublicPort: 8080, Type: "tcp" },
      ]),
      container("api", "running", [{ IP: "127.0.0.1", PrivatePort: 3000, PublicPort: 3000, Type: "tcp" }]),
      container("gone", "exited", [{ IP: "0.0.0.0", PrivatePort: 80, PublicPort: 9090, Type: "tcp" }]),
    ]);
    expect(ports).toEqual([
      { container: "api", hostPort: 3000, label: "127.0.0.1:3000->3000/tcp" },
      { container: "site", hostPort: 8080, label: "0.0.0.0:8080->80/tcp" },
    ]);
  });
});
