import { describe, expect, it } from "vitest";
import { DrydockError } from "../../../shared/errors";
import { chompHeredoc } from "./heredoc";
import type { Instruction } from "./instructions";
import { parseDockerfile } from "./parse";

/** The instructions of a one-stage Dockerfile, the FROM line added first. */
function instructions(body: string): Instruction[] {
  return parseDockerfile(`FROM alpine\n${body}`).stages[0]!.instructions;
}

function only(body: string): Instruction {
  const [instruction, ...rest] = instructions(body);
  expect(rest).toEqual([]);
  return instruction!;
}

function parseError(text: string, name?: string): string {
  try {
    parseDockerfile(text, name);
  } catch (error) {
    expect(error).toBeInstanceOf(DrydockError);
    expect((error as DrydockError).kind).toBe("InvalidParameter");
    return (error as DrydockError).message;
  }
  throw new Error(`parsed: ${JSON.stringify(text)}`);
}

describe("parseDockerfile: stages", () => {
  it("splits stages at FROM; ARGs before the first FROM are meta args", () => {
    const file = parseDockerfile("ARG BASE=alpine VERSION\nFROM $BASE AS Build\nRUN make\nfrom --platform=linux/386 scratch\nCOPY --from=build /app /app\n");
    expect(file.escape).toBe("\\");
    expect(file.metaArgs).toEqual([{ kind: "ARG", line: 1, endLine: 1, original: "ARG BASE=alpine VERSION", args: [{ name: "BASE", default: "alpine" }, { name: "VERSION" }] }]);
    expect(file.stages.map((stage) => stage.from)).toEqual([
      { kind: "FROM", line: 2, endLine: 2, original: "FROM $BASE AS Build", image: "$BASE", name: "build" },
      { kind: "FROM", line: 4, endLine: 4, original: "from --platform=linux/386 scratch", image: "scratch", platform: "linux/386" },
    ]);
    expect(file.stages.map((stage) => stage.instructions.map((instruction) => instruction.kind))).toEqual([["RUN"], ["COPY"]]);
  });

  it("keeps an ARG after a FROM in its stage", () => {
    expect(only("ARG X").kind).toBe("ARG");
  });

  it("refuses an instruction before the first FROM, an empty file and a file of comments", () => {
    expect(parseError("RUN true\nFROM alpine")).toBe("no build stage in current context");
    expect(parseError("")).toBe("the Dockerfile (Dockerfile) cannot be empty");
    expect(parseError("", "build/Dockerfile.dev")).toBe("the Dockerfile (build/Dockerfile.dev) cannot be empty");
    expect(parseError("# nothing\n\n")).toBe("failed to parse Dockerfile: file with no instructions");
  });

  it("checks FROM's arguments and stage name", () => {
    expect(parseError("FROM")).toBe("dockerfile parse error on line 1: FROM requires either one or three arguments");
    expect(parseError("FROM a b")).toBe("dockerfile parse error on line 1: FROM requires either one or three arguments");
    expect(parseError("FROM a AS 1st")).toBe('dockerfile parse error on line 1: invalid name for build stage: "1st", name can\'t start with a number or contain symbols');
    expect(parseError("FROM --platfrom=x a")).toBe("dockerfile parse error on line 1: unknown flag: --platfrom (did you mean platform?)");
  });
});

describe("parseDockerfile: lines", () => {
  it("joins continuation lines, skipping comments and blank lines inside, and keeps the span", () => {
    const run = instructions("\n# a comment\nRUN apk add \\\n    curl \\\n# in the middle\n\n    git\nUSER nobody")[0]!;
    expect(run).toMatchObject({ line: 4, endLine: 8, original: "RUN apk add     curl     git", command: { form: "shell", command: "apk add     curl     git" } });
  });

  it("takes keywords in any case and reports errors with the instruction's first line", () => {
    expect(only("wOrKdIr /app")).toMatchObject({ kind: "WORKDIR", value: "/app", original: "wOrKdIr /app" });
    expect(parseError("FROM alpine\nRUN a \\\n  b\nRUNN c")).toBe("dockerfile parse error on line 4: unknown instruction: RUNN (did you mean RUN?)");
    expect(parseError("FROM alpine\nfrobnicate")).toBe("dockerfile parse error on line 2: unknown instruction: frobnicate");
  });

  it("reads the escape directive: a backtick continues lines and a backslash is a plain character", () => {
    const file = parseDockerfile("# syntax=docker/dockerfile:1\n# escape=`\n\nFROM mcr.microsoft.com/windows`\n/servercore\nRUN dir c:\\\n");
    expect(file.escape).toBe("`");
    expect(file.stages[0]!.from.image).toBe("mcr.microsoft.com/windows/servercore");
    expect(file.stages[0]!.instructions[0]).toMatchObject({ command: { form: "shell", command: "dir c:\\" } });
  });

  it("reads directives only at the top, before any other line", () => {
    expect(parseDockerfile("\n# escape=`\nFROM alpine").escape).toBe("\\");
    expect(parseDockerfile("# a comment\n# escape=`\nFROM alpine").escape).toBe("\\");
    expect(parseDockerfile("# check=skip=all\n#ESCAPE = `\nFROM alpine").escape).toBe("`");
    expect(parseError("# escape=`\n# escape=\\\nFROM alpine")).toBe("failed to parse Dockerfile: only one escape parser directive can be used");
    expect(parseError("# escape=x\nFROM alpine")).toBe("failed to parse Dockerfile: invalid escape token 'x' does not match ` or \\");
  });
});

describe("parseDockerfile: instructions", () => {
  it("RUN, CMD and ENTRYPOINT: exec form from a JSON array, shell form otherwise (invalid JSON included)", () => {
    expect(instructions('RUN ["echo", "hi"]\nCMD echo $HOME\nENTRYPOINT [\'sh\']')).toMatchObject([
      { kind: "RUN", command: { form: "exec", args: ["echo", "hi"] }, heredocs: [] },
      { kind: "CMD", command: { form: "shell", command: "echo $HOME" } },
      { kind: "ENTRYPOINT", command: { form: "shell", command: "['sh']" } },
    ]);
    expect(parseError('FROM a\nCMD ["a", 1]')).toBe("failed to parse Dockerfile: when using JSON array syntax, arrays must be comprised of strings only");
  });

  it("RUN refuses BuildKit's flags with the classic builder's words, and unknown flags", () => {
    const buildKit = "option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled";
    expect(parseError("FROM a\nRUN --mount=type=cache,target=/root/.cache make")).toBe(`dockerfile parse error on line 2: the --mount ${buildKit}`);
    expect(parseError("FROM a\nRUN --network=none true")).toBe(`dockerfile parse error on line 2: the --network ${buildKit}`);
    expect(parseError("FROM a\nRUN --security=insecure true")).toBe(`dockerfile parse error on line 2: the --security ${buildKit}`);
    expect(parseError("FROM a\nRUN --xyz true")).toBe("dockerfile parse error on line 2: unknown flag: --xyz");
    expect(parseError("FROM a\nRUN --network true")).toBe("dockerfile parse error on line 2: missing a value on flag: --network");
  });

  it("ENV and LABEL: key=value pairs, quotes kept for expansion, or the legacy `key value`", () => {
    expect(only('ENV A=1 B="two words" C=three\\ words')).toMatchObject({
      kind: "ENV",
      pairs: [
        { key: "A", value: "1" },
        { key: "B", value: '"two words"' },
        { key: "C", value: "three\\ words" },
      ],
    });
    expect(only("ENV PATH /usr/local/bin:$PATH and more")).toMatchObject({ kind: "ENV", pairs: [{ key: "PATH", value: "/usr/local/bin:$PATH and more" }] });
    expect(only('LABEL org.opencontainers.image.title="My app" version=1')).toMatchObject({
      kind: "LABEL",
      pairs: [
        { key: "org.opencontainers.image.title", value: '"My app"' },
        { key: "version", value: "1" },
      ],
    });
  });

  it("ENV and LABEL errors", () => {
    expect(parseError("FROM a\nENV PATH")).toBe("failed to parse Dockerfile: ENV must have two arguments");
    expect(parseError("FROM a\nENV A=1 B")).toBe('failed to parse Dockerfile: Syntax error - can\'t find = in "B". Must be of the form: name=value');
    expect(parseError("FROM a\nENV")).toBe("dockerfile parse error on line 2: ENV requires at least one argument");
    expect(parseError("FROM a\nLABEL =x")).toBe("dockerfile parse error on line 2: LABEL names can not be blank");
  });

  it("ARG: several names, defaults as written", () => {
    expect(only('ARG A B="1 2" C=')).toMatchObject({ kind: "ARG", args: [{ name: "A" }, { name: "B", default: '"1 2"' }, { name: "C", default: "" }] });
    expect(parseError("FROM a\nARG")).toBe("dockerfile parse error on line 2: ARG requires at least one argument");
    expect(parseError("FROM a\nARG =1")).toBe("dockerfile parse error on line 2: ARG names can not be blank");
  });

  it("COPY and ADD: sources, destination and flags", () => {
    expect(only("COPY --from=build --chown=app:app --chmod=644 --link a b /dst/")).toEqual({
      kind: "COPY",
      line: 2,
      endLine: 2,
      original: "COPY --from=build --chown=app:app --chmod=644 --link a b /dst/",
      sources: ["a", "b"],
      dest: "/dst/",
      from: "build",
      chown: "app:app",
      chmod: "644",
      link: true,
      heredocs: [],
    });
    expect(only('ADD ["a file", "/dst dir/"]')).toMatchObject({ kind: "ADD", sources: ["a file"], dest: "/dst dir/", link: false });
    expect(only("COPY --link=false a b")).toMatchObject({ link: false });
  });

  it("COPY and ADD errors", () => {
    expect(parseError("FROM a\nCOPY a")).toBe("dockerfile parse error on line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined");
    expect(parseError("FROM a\nADD --from=x a b")).toBe("dockerfile parse error on line 2: unknown flag: --from");
    expect(parseError("FROM a\nCOPY --chown a b")).toBe("dockerfile parse error on line 2: missing a value on flag: --chown");
    expect(parseError("FROM a\nCOPY --link=maybe a b")).toBe("dockerfile parse error on line 2: expecting boolean value for flag --link, not: maybe");
    expect(parseError("FROM a\nCOPY --from=x --from=y a b")).toBe("dockerfile parse error on line 2: duplicate flag specified: --from");
    expect(parseError("FROM a\nCOPY --parents a/b c")).toMatch(/^dockerfile parse error on line 2: the --parents option requires BuildKit/);
    expect(parseError("FROM a\nADD --checksum=sha256:00 https://x/y /z")).toMatch(/^dockerfile parse error on line 2: the --checksum option requires BuildKit/);
  });

  it("EXPOSE, VOLUME, USER, WORKDIR, STOPSIGNAL, MAINTAINER", () => {
    expect(instructions('EXPOSE 80/tcp $PORT\nVOLUME /data /logs\nVOLUME ["/a b"]\nUSER app:app\nWORKDIR /srv/$APP\nSTOPSIGNAL SIGINT\nMAINTAINER Me <me@example.com>')).toMatchObject([
      { kind: "EXPOSE", words: ["80/tcp", "$PORT"] },
      { kind: "VOLUME", words: ["/data", "/logs"] },
      { kind: "VOLUME", words: ["/a b"] },
      { kind: "USER", value: "app:app" },
      { kind: "WORKDIR", value: "/srv/$APP" },
      { kind: "STOPSIGNAL", value: "SIGINT" },
      { kind: "MAINTAINER", value: "Me <me@example.com>" },
    ]);
    expect(parseError("FROM a\nEXPOSE")).toBe("dockerfile parse error on line 2: EXPOSE requires at least one argument");
    expect(parseError('FROM a\nVOLUME [" "]')).toBe("dockerfile parse error on line 2: VOLUME specified can not be an empty string");
    expect(parseError("FROM a\nUSER")).toBe("dockerfile parse error on line 2: USER requires exactly one argument");
    expect(parseError("FROM a\nWORKDIR --x /a")).toBe("dockerfile parse error on line 2: unknown flag: --x");
  });

  it("SHELL takes the JSON form only", () => {
    expect(only('SHELL ["/bin/bash", "-o", "pipefail", "-c"]')).toMatchObject({ kind: "SHELL", args: ["/bin/bash", "-o", "pipefail", "-c"] });
    expect(parseError("FROM a\nSHELL /bin/bash -c")).toBe("dockerfile parse error on line 2: SHELL requires the arguments to be in JSON form");
    expect(parseError("FROM a\nSHELL []")).toBe("dockerfile parse error on line 2: SHELL requires at least one argument");
  });

  it("HEALTHCHECK: NONE, or CMD with its options as written", () => {
    expect(instructions('HEALTHCHECK NONE\nHEALTHCHECK --interval=5s --timeout=3s --start-period=1m30s --start-interval=2s --retries=3 \\\n  CMD curl -f http://localhost/\nhealthcheck cmd ["true"]')).toMatchObject([
      { kind: "HEALTHCHECK", test: "NONE" },
      { kind: "HEALTHCHECK", test: { form: "shell", command: "curl -f http://localhost/" }, interval: "5s", timeout: "3s", startPeriod: "1m30s", startInterval: "2s", retries: 3, line: 3, endLine: 4 },
      { kind: "HEALTHCHECK", test: { form: "exec", args: ["true"] } },
    ]);
  });

  it("HEALTHCHECK errors", () => {
    const error = (line: string) => parseError(`FROM a\n${line}`).replace("dockerfile parse error on line 2: ", "");
    expect(error("HEALTHCHECK")).toBe("HEALTHCHECK requires at least one argument");
    expect(error("HEALTHCHECK NONE now")).toBe("HEALTHCHECK NONE takes no arguments");
    expect(error("HEALTHCHECK CMD")).toBe("Missing command after HEALTHCHECK CMD");
    expect(error("HEALTHCHECK connect tcp")).toBe('Unknown type "CONNECT" in HEALTHCHECK (try CMD)');
    expect(error("HEALTHCHECK --interval=5 CMD true")).toBe('time: missing unit in duration "5"');
    expect(error("HEALTHCHECK --timeout=5y CMD true")).toBe('time: unknown unit "y" in duration "5y"');
    expect(error("HEALTHCHECK --timeout=soon CMD true")).toBe('time: invalid duration "soon"');
    expect(error("HEALTHCHECK --start-period=10us CMD true")).toBe('Interval "start-period" cannot be less than 1ms');
    expect(error("HEALTHCHECK --retries=-1 CMD true")).toBe("--retries cannot be negative (-1)");
    expect(error("HEALTHCHECK --retries=three CMD true")).toBe('strconv.ParseInt: parsing "three": invalid syntax');
    expect(error("HEALTHCHECK --retries=3000000000 CMD true")).toBe('strconv.ParseInt: parsing "3000000000": value out of range');
  });

  it("ONBUILD: the trigger as written and parsed", () => {
    expect(only("ONBUILD COPY --chown=app . /src")).toEqual({
      kind: "ONBUILD",
      line: 2,
      endLine: 2,
      original: "ONBUILD COPY --chown=app . /src",
      trigger: "COPY --chown=app . /src",
      instruction: { kind: "COPY", line: 2, endLine: 2, original: "COPY --chown=app . /src", sources: ["."], dest: "/src", chown: "app", link: false, heredocs: [] },
    });
    expect(parseError("FROM a\nONBUILD")).toBe("dockerfile parse error on line 2: ONBUILD requires at least one argument");
    expect(parseError("FROM a\nONBUILD ONBUILD RUN true")).toBe("dockerfile parse error on line 2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    expect(parseError("FROM a\nONBUILD from alpine")).toBe("dockerfile parse error on line 2: FROM isn't allowed as an ONBUILD trigger");
    expect(parseError("FROM a\nONBUILD MAINTAINER me")).toBe("dockerfile parse error on line 2: MAINTAINER isn't allowed as an ONBUILD trigger");
    expect(parseError("FROM a\nONBUILD RUN --mount=x true")).toMatch(/^dockerfile parse error on line 2: the --mount option requires BuildKit/);
  });
});

describe("parseDockerfile: heredocs", () => {
  it("RUN reads the lines up to the terminator; the command line keeps the heredoc word", () => {
    const [run, user] = instructions("RUN <<EOF\napk add curl\necho $HOME\nEOF\nUSER nobody");
    expect(run).toEqual({
      kind: "RUN",
      line: 2,
      endLine: 5,
      original: "RUN <<EOF",
      command: { form: "shell", command: "<<EOF" },
      heredocs: [{ name: "EOF", content: "apk add curl\necho $HOME\n", expand: true, chomp: false }],
    });
    expect(user).toMatchObject({ kind: "USER", line: 6 });
  });

  it("reads several heredocs on one line in order; a quoted name turns expansion off; <<- takes indented terminators", () => {
    const run = only('RUN <<-A cat - <<"B" > /out\n\tfirst\n\tA\n$second\nB');
    expect(run).toMatchObject({
      command: { form: "shell", command: '<<-A cat - <<"B" > /out' },
      heredocs: [
        { name: "A", content: "\tfirst\n", expand: true, chomp: true },
        { name: "B", content: "$second\n", expand: false, chomp: false },
      ],
    });
    expect(chompHeredoc("\tfirst\n\t\tsecond\n  third\n")).toBe("first\nsecond\n  third\n");
  });

  it("COPY names each heredoc source by its name", () => {
    expect(only("COPY <<app.conf <<'run.sh' /etc/app/\nlisten 80\napp.conf\n#!/bin/sh\nrun.sh")).toMatchObject({
      sources: ["app.conf", "run.sh"],
      dest: "/etc/app/",
      heredocs: [
        { name: "app.conf", content: "listen 80\n", expand: true },
        { name: "run.sh", content: "#!/bin/sh\n", expand: false },
      ],
    });
    expect(parseError("FROM a\nCOPY a <<EOF\nx\nEOF")).toBe("dockerfile parse error on line 2: COPY cannot accept a heredoc as a destination");
  });

  it("ONBUILD keeps the heredocs in its trigger", () => {
    expect(only("ONBUILD RUN <<EOF\necho hi\nEOF")).toMatchObject({
      trigger: "RUN <<EOF\necho hi\nEOF",
      instruction: { kind: "RUN", heredocs: [{ name: "EOF", content: "echo hi\n" }] },
    });
  });

  it("leaves heredocs out of the exec form and of other instructions; an unterminated one fails", () => {
    expect(only('RUN ["cat", "<<EOF"]')).toMatchObject({ heredocs: [] });
    expect(only("ENV A=<<EOF")).toMatchObject({ pairs: [{ key: "A", value: "<<EOF" }] });
    expect(parseError("FROM a\nRUN <<EOF\nno end")).toBe("failed to parse Dockerfile: unterminated heredoc");
  });
});
