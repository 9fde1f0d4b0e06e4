// Host addresses as docker 28 reads them: each expectation is what the real CLI printed
// ("Cannot connect to the Docker daemon at ..." or the endpoint `context ls` shows).
import { describe, expect, it } from "vitest";
import { checkContextHost, normalizeHost } from "./docker-host";

const error = (action: () => unknown): string => {
  try {
    action();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("no error");
};

describe("-H and DOCKER_HOST", () => {
  it("fill in tcp's defaults, localhost and 2375, and keep a path", () => {
    expect(normalizeHost("tcp://127.0.0.1", "")).toBe("tcp://127.0.0.1:2375");
    expect(normalizeHost("127.0.0.1:5", "")).toBe("tcp://127.0.0.1:5");
    expect(normalizeHost(":9", "")).toBe("tcp://localhost:9");
    expect(normalizeHost("tcp://", "")).toBe("tcp://localhost:2375");
    expect(normalizeHost("tcp://h:", "")).toBe("tcp://h:2375");
    expect(normalizeHost(" tcp://x ", "")).toBe("tcp://x:2375");
    expect(normalizeHost("tcp://u@h:5?x#f", "")).toBe("tcp://h:5");
    expect(normalizeHost("tcp://127.0.0.1:1/", "")).toBe("tcp://127.0.0.1:1/");
    expect(normalizeHost("/tmp/x.sock", "")).toBe("tcp://localhost:2375/tmp/x.sock");
    expect(normalizeHost("tcp://[::1]:5", "")).toBe("tcp://[::1]:5");
    expect(normalizeHost("tcp://h:5:6", "")).toBe("tcp://[h:5:6]:2375");
  });

  it("make unix:// alone docker's socket, and empty the CLI's default", () => {
    expect(normalizeHost("unix://", "")).toBe("unix:///var/run/docker.sock");
    expect(normalizeHost("unix://rel", "")).toBe("unix://rel");
    expect(normalizeHost("", "unix:///tmp/drydock.sock")).toBe("unix:///tmp/drydock.sock");
  });

  it("refuse what docker refuses, in its words", () => {
    expect(error(() => normalizeHost("foo://x", ""))).toBe("invalid bind address format: foo://x");
    expect(error(() => normalizeHost("UNIX:///x", ""))).toBe("invalid bind address format: UNIX:///x");
    expect(error(() => normalizeHost("unix://a://b", ""))).toBe("invalid proto, expected unix: a://b");
    expect(error(() => normalizeHost("tcp://h:abc", ""))).toBe('parse "tcp://h:abc": invalid port ":abc" after host');
    expect(error(() => normalizeHost("tcp://a b", ""))).toBe('parse "tcp://a b": invalid character " " in host name');
    expect(error(() => normalizeHost("tcp://[::1]", ""))).toBe("invalid bind address format: [::1]");
  });
});

describe("a context's host=", () => {
  it("is taken as written when Go's URL parser and docker's client read it", () => {
    for (const host of ["unix:///x", "tcp://127.0.0.1", "ssh://u@h", "tcp://[::1]:5", "TCP://x:1", "tcp://x:1/path", "tcp://x:1?q=1", "foo://x"]) {
      expect(() => checkContextHost(host)).not.toThrow();
    }
  });

  it("is refused in docker's words otherwise", () => {
    expect(error(() => checkContextHost("tcp://a b"))).toBe('invalid docker endpoint options: parse "tcp://a b": invalid character " " in host name');
    expect(error(() => checkContextHost("://x"))).toBe('invalid docker endpoint options: parse "://x": missing protocol scheme');
    expect(error(() => checkContextHost("tcp://h:abc"))).toBe('invalid docker endpoint options: parse "tcp://h:abc": invalid port ":abc" after host');
    expect(error(() => checkContextHost("127.0.0.1:5"))).toBe('invalid docker endpoint options: parse "127.0.0.1:5": first path segment in URL cannot contain colon');
    expect(error(() => checkContextHost('"unix:///b,c'))).toBe('invalid docker endpoint options: parse "\\"unix:///b,c": first path segment in URL cannot contain colon');
    expect(error(() => checkContextHost("tcp://a:1,"))).toBe('invalid docker endpoint options: parse "tcp://a:1,": invalid port ":1," after host');
    for (const host of ["a", "a=b", "tcp://", "unix://", "foo://"]) {
      expect(error(() => checkContextHost(host))).toBe(`unable to apply docker endpoint options: unable to parse docker host \`${host}\``);
    }
  });
});
