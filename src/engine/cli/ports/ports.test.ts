import { describe, expect, it } from "vitest";
import { displayablePorts } from "./displayable-ports";
import { parsePortSpecs } from "./port-spec";

describe("parsePortSpecs (nat.ParsePortSpecs)", () => {
  it("makes ExposedPorts and PortBindings as docker/cli does", () => {
    expect(parsePortSpecs(["8080:80"])).toEqual({ exposed: { "80/tcp": {} }, bindings: { "80/tcp": [{ HostIp: "", HostPort: "8080" }] } });
    expect(parsePortSpecs(["80"])).toEqual({ exposed: { "80/tcp": {} }, bindings: { "80/tcp": [{ HostIp: "", HostPort: "" }] } });
    expect(parsePortSpecs(["127.0.0.1:8080:80/tcp"]).bindings).toEqual({ "80/tcp": [{ HostIp: "127.0.0.1", HostPort: "8080" }] });
    expect(parsePortSpecs(["127.0.0.1::80"]).bindings).toEqual({ "80/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] });
    expect(parsePortSpecs(["8080-8081:80-81"]).bindings).toEqual({ "80/tcp": [{ HostIp: "", HostPort: "8080" }], "81/tcp": [{ HostIp: "", HostPort: "8081" }] });
    expect(parsePortSpecs(["8000-8010:80"]).bindings).toEqual({ "80/tcp": [{ HostIp: "", HostPort: "8000-8010" }] });
    expect(parsePortSpecs(["8080:80", "8081:80"]).bindings).toEqual({ "80/tcp": [{ HostIp: "", HostPort: "8080" }, { HostIp: "", HostPort: "8081" }] });
    expect(parsePortSpecs([], ["3000", "5000-5001/tcp"]).exposed).toEqual({ "3000/tcp": {}, "5000/tcp": {}, "5001/tcp": {} });
  });

  it("refuses a bad spec with Docker's words", () => {
    expect(() => parsePortSpecs(["abc"])).toThrow("invalid containerPort: abc");
    expect(() => parsePortSpecs(["70000:80"])).toThrow("invalid hostPort: 70000");
    expect(() => parsePortSpecs(["8080-8082:80-81"])).toThrow("invalid ranges specified for container and host Ports: 80-81 and 8080-8082");
    expect(() => parsePortSpecs(["1.2.3:80:80"])).toThrow("invalid IP address: 1.2.3");
    expect(() => parsePortSpecs(["80/xyz"])).toThrow("invalid proto: xyz");
    expect(() => parsePortSpecs(["8080:"])).toThrow("no port specified: 8080:<empty>");
  });

  it("refuses UDP: Drydock forwards TCP only", () => {
    expect(() => parsePortSpecs(["53:53/udp"])).toThrow(/udp ports are not supported by Drydock yet/);
    expect(() => parsePortSpecs([], ["53/udp"])).toThrow(/udp ports are not supported/);
  });
});

describe("displayablePorts (the PORTS column)", () => {
  it("draws mappings and exposed ports as docker/cli does", () => {
    expect(displayablePorts([{ IP: "0.0.0.0", PrivatePort: 80, PublicPort: 8080, Type: "tcp" }])).toBe("0.0.0.0:8080->80/tcp");
    expect(displayablePorts([{ PrivatePort: 443, Type: "tcp" }, { PrivatePort: 80, Type: "tcp" }])).toBe("80/tcp, 443/tcp");
    expect(displayablePorts([{ PrivatePort: 80, Type: "tcp" }, { PrivatePort: 81, Type: "tcp" }, { PrivatePort: 82, Type: "tcp" }])).toBe("80-82/tcp");
    expect(
      displayablePorts([
        { IP: "0.0.0.0", PrivatePort: 80, PublicPort: 80, Type: "tcp" },
        { IP: "0.0.0.0", PrivatePort: 81, PublicPort: 81, Type: "tcp" },
        { IP: "0.0.0.0", PrivatePort: 90, PublicPort: 9090, Type: "tcp" },
        { PrivatePort: 22, Type: "tcp" },
      ]),
    ).toBe("22/tcp, 0.0.0.0:80-81->80-81/tcp, 0.0.0.0:9090->90/tcp");
    expect(displayablePorts([{ IP: "::", PrivatePort: 80, PublicPort: 8080, Type: "tcp" }])).toBe("[::]:8080->80/tcp");
    expect(displayablePorts([])).toBe("");
  });
});
