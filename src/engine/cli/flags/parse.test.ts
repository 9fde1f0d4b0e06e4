// Docker's argument grammar (pflag's), with the examples of Docker's own documentation.
import { describe, expect, it } from "vitest";
import { UsageError } from "../errors";
import type { FlagSpec } from "./flag-spec";
import { parseFlags } from "./parse";

const RUN: FlagSpec[] = [
  { name: "detach", short: "d", type: "bool", usage: "" },
  { name: "interactive", short: "i", type: "bool", usage: "" },
  { name: "tty", short: "t", type: "bool", usage: "" },
  { name: "rm", type: "bool", usage: "" },
  { name: "publish", short: "p", type: "list", usage: "" },
  { name: "env", short: "e", type: "list", usage: "" },
  { name: "name", type: "string", usage: "" },
  { name: "memory", short: "m", type: "bytes", usage: "" },
  { name: "cpus", type: "decimal", usage: "" },
  { name: "last", short: "n", type: "int", usage: "", default: -1 },
  { name: "docker", type: "stringToString", usage: "", default: "[]" },
];

const error = (argv: string[], specs = RUN): UsageError => {
  try {
    parseFlags(argv, specs);
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error(`${argv.join(" ")} parsed`);
};

describe("docker's argument grammar", () => {
  it("combines short bool flags: docker run -it busybox sh", () => {
    const { flags, args } = parseFlags(["-it", "busybox", "sh"], RUN, false);
    expect([flags.bool("interactive"), flags.bool("tty"), flags.bool("detach")]).toEqual([true, true, false]);
    expect(args).toEqual(["busybox", "sh"]);
  });

  it("lets the last short flag of a group take the next argument: docker run -dp 8080:80 nginx", () => {
    const { flags, args } = parseFlags(["-dp", "8080:80", "nginx"], RUN, false);
    expect(flags.bool("detach")).toBe(true);
    expect(flags.list("publish")).toEqual(["8080:80"]);
    expect(args).toEqual(["nginx"]);
  });

  it("takes a value glued to a short flag, or after '='", () => {
    expect(parseFlags(["-p8080:80", "-e=A=1", "x"], RUN).flags.list("publish")).toEqual(["8080:80"]);
    expect(parseFlags(["-e=A=1", "x"], RUN).flags.list("env")).toEqual(["A=1"]);
  });

  it("reads --flag=value and --flag value alike, and collects repeated flags in order", () => {
    const { flags } = parseFlags(["--name=web", "-e", "A=1", "--env", "B=2", "-e", "C"], RUN);
    expect(flags.string("name")).toBe("web");
    expect(flags.list("env")).toEqual(["A=1", "B=2", "C"]);
  });

  it("sets a bool with --flag or --flag=false", () => {
    expect(parseFlags(["--rm"], RUN).flags.bool("rm")).toBe(true);
    expect(parseFlags(["--rm=false"], RUN).flags.bool("rm")).toBe(false);
    expect(parseFlags([], RUN).flags.bool("rm")).toBe(false);
  });

  it("stops at the image for run (flags after it belong to the container) but not for ps", () => {
    expect(parseFlags(["busybox", "ls", "-l", "--rm"], RUN, false).args).toEqual(["busybox", "ls", "-l", "--rm"]);
    const ps = parseFlags(["x", "--rm", "y"], RUN, true);
    expect(ps.args).toEqual(["x", "y"]);
    expect(ps.flags.bool("rm")).toBe(true);
  });

  it("ends the options at --", () => {
    expect(parseFlags(["--rm", "--", "-it", "x"], RUN).args).toEqual(["-it", "x"]);
  });

  it("reads sizes, CPUs and integers as Docker does", () => {
    const { flags } = parseFlags(["-m", "32m", "--cpus", "1.5", "-n", "3"], RUN);
    expect(flags.bytes("memory")).toBe(32 * 1024 * 1024);
    expect(flags.decimal("cpus")).toBe(1_500_000_000);
    expect(flags.int("last")).toBe(3);
    expect(parseFlags([], RUN).flags.int("last")).toBe(-1);
  });

  it("reads key=value pairs: one per flag, or several in one CSV record, later keys winning", () => {
    const { flags } = parseFlags(["--docker", "host=tcp://a:1,", "--docker", 'skip-tls-verify=true,"host=unix:///b,c"'], RUN);
    expect([...flags.map("docker")]).toEqual([
      ["host", "unix:///b,c"],
      ["skip-tls-verify", "true"],
    ]);
    expect(parseFlags([], RUN).flags.map("docker").size).toBe(0);
  });

  it("notices -h and --help", () => {
    expect(parseFlags(["--help"], RUN).help).toBe(true);
    expect(parseFlags(["-h"], RUN).help).toBe(true);
  });

  it("refuses what Docker refuses, in its words, with status 125", () => {
    expect(error(["--foo", "x"])).toMatchObject({ message: "unknown flag: --foo", status: 125 });
    expect(error(["-z", "x"]).message).toBe("unknown shorthand flag: 'z' in -z");
    expect(error(["-iz"]).message).toBe("unknown shorthand flag: 'z' in -z");
    expect(error(["-e"]).message).toBe("flag needs an argument: 'e' in -e");
    expect(error(["--name"]).message).toBe("flag needs an argument: --name");
    expect(error(["--rm=maybe", "x"]).message).toBe('invalid argument "maybe" for "--rm" flag: strconv.ParseBool: parsing "maybe": invalid syntax');
    expect(error(["-n", "abc"]).message).toBe('invalid argument "abc" for "-n, --last" flag: strconv.ParseInt: parsing "abc": invalid syntax');
    expect(error(["-m", "abc", "busybox"]).message).toBe(`invalid argument "abc" for "-m, --memory" flag: invalid size: 'abc'`);
    expect(error(["--cpus", "abc", "x"]).message).toBe('invalid argument "abc" for "--cpus" flag: failed to parse abc as a rational number');
    expect(error(["--docker", "host"]).message).toBe('invalid argument "host" for "--docker" flag: host must be formatted as key=value');
    expect(error(["--docker", 'host="a,b",x=1']).message).toBe('invalid argument "host=\\"a,b\\",x=1" for "--docker" flag: parse error on line 1, column 6: bare " in non-quoted-field');
    expect(error(["--docker", "a=1,b,c=2"]).message).toBe('invalid argument "a=1,b,c=2" for "--docker" flag: b must be formatted as key=value');
  });
});
