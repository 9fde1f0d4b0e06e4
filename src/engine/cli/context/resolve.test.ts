// Which context a command runs with, and where "default" points: docker 28's order, checked
// against the real CLI (-H and --context together are refused before this, in runCli).
import { describe, expect, it } from "vitest";
import { configDir, currentContextName, defaultContextHost, type ContextChoice } from "./resolve";

const choice = (given: Partial<ContextChoice>): ContextChoice => ({ flag: "", hosts: [], env: {}, configured: "", ...given });

describe("the current context", () => {
  it("is --context above all", () => {
    expect(currentContextName(choice({ flag: "a", env: { DOCKER_HOST: "tcp://x:1", DOCKER_CONTEXT: "b" }, configured: "c" }))).toBe("a");
  });

  it("is default when -H or DOCKER_HOST says where the daemon is, whatever DOCKER_CONTEXT or config.json say", () => {
    expect(currentContextName(choice({ hosts: ["tcp://x:1"], env: { DOCKER_CONTEXT: "b" }, configured: "c" }))).toBe("default");
    expect(currentContextName(choice({ env: { DOCKER_HOST: "tcp://x:1", DOCKER_CONTEXT: "b" }, configured: "c" }))).toBe("default");
  });

  it("is DOCKER_CONTEXT, then config.json's currentContext, then default", () => {
    expect(currentContextName(choice({ env: { DOCKER_CONTEXT: "b" }, configured: "c" }))).toBe("b");
    expect(currentContextName(choice({ configured: "c" }))).toBe("c");
    expect(currentContextName(choice({}))).toBe("default");
  });

  it("takes empty settings for none", () => {
    expect(currentContextName(choice({ env: { DOCKER_HOST: "", DOCKER_CONTEXT: "" }, configured: "c" }))).toBe("c");
  });
});

describe("the default context's daemon", () => {
  it("is -H, else DOCKER_HOST, else the CLI's own default", () => {
    expect(defaultContextHost(["tcp://a:1"], { DOCKER_HOST: "tcp://b:2" }, "unix:///d.sock")).toBe("tcp://a:1");
    expect(defaultContextHost([], { DOCKER_HOST: "tcp://b:2" }, "unix:///d.sock")).toBe("tcp://b:2");
    expect(defaultContextHost([], {}, "unix:///d.sock")).toBe("unix:///d.sock");
    expect(defaultContextHost([""], {}, "unix:///d.sock")).toBe("unix:///d.sock");
  });

  it("is written as docker normalizes it", () => {
    expect(defaultContextHost(["127.0.0.1:5"], {}, "")).toBe("tcp://127.0.0.1:5");
    expect(defaultContextHost([], { DOCKER_HOST: "tcp://127.0.0.1" }, "")).toBe("tcp://127.0.0.1:2375");
  });

  it("is one -H only", () => {
    expect(() => defaultContextHost(["tcp://a:1", "tcp://b:2"], {}, "")).toThrow(/^Specify only one -H$/);
  });
});

describe("the config directory", () => {
  it("is DOCKER_CONFIG, else ~/.docker", () => {
    expect(configDir({ DOCKER_CONFIG: "/cfg", HOME: "/root" })).toBe("/cfg");
    expect(configDir({ HOME: "/root" })).toBe("/root/.docker");
  });
});
