import { describe, expect, it } from "vitest";
import { canonicalString, familiarString, parseReference, withDefaultTag } from "./reference";

describe("parseReference", () => {
  it("reads the forms people type, as Docker does", () => {
    expect(parseReference("busybox")).toEqual({ domain: "docker.io", path: "library/busybox" });
    expect(canonicalString(withDefaultTag(parseReference("busybox")))).toBe("docker.io/library/busybox:latest");
    expect(parseReference("me/app:1.0")).toEqual({ domain: "docker.io", path: "me/app", tag: "1.0" });
    expect(parseReference("localhost:5000/app")).toEqual({ domain: "localhost:5000", path: "app" });
    expect(parseReference("registry.example.com/a/b:v2")).toEqual({ domain: "registry.example.com", path: "a/b", tag: "v2" });
    const digest = "sha256:" + "a".repeat(64);
    expect(familiarString(parseReference(`busybox@${digest}`))).toBe(`busybox@${digest}`);
    expect(familiarString(parseReference("docker.io/library/hello-world:latest"))).toBe("hello-world:latest");
  });

  it("refuses what Docker refuses, in its words", () => {
    for (const bad of ["", "a b", "busybox:", ":tag", "busy//box", "busybox@sha256:abc", "-x", "x:" + "t".repeat(129)]) {
      expect(() => parseReference(bad), bad).toThrow(/^invalid reference format$/);
    }
    expect(() => parseReference("BusyBox")).toThrow("invalid reference format: repository name (library/BusyBox) must be lowercase");
  });
});
