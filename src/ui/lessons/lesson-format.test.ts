import { describe, expect, it } from "vitest";
import { LessonFormatError, parseLesson } from "./lesson-format";

const lesson = (body: string, front = "id: demo\ntitle: A demo\norder: 1\nimages: [busybox, hello-world]\nminutes: 5") => `---\n${front}\n---\n${body}`;

function problem(source: string): string {
  try {
    parseLesson("lessons/demo.md", source);
  } catch (error) {
    if (error instanceof LessonFormatError) return error.message;
    throw error;
  }
  throw new Error("parsed");
}

describe("parseLesson", () => {
  it("reads front matter, intro, steps, run blocks, hints and both kinds of check", () => {
    const parsed = parseLesson(
      "lessons/demo.md",
      lesson(`Intro **text**.

## Run \`busybox\`

Some prose.

\`\`\`run
docker run -d --name web busybox sleep 600
docker ps
\`\`\`

\`\`\`sh
a plain fenced block stays prose
\`\`\`

\`\`\`hint
Try \`docker ps -a\`.
\`\`\`

check: container web running

## Look inside {#inside}

\`\`\`check
$ docker exec web hostname
expect /^[0-9a-f]{12}$/
\`\`\`
check: container old exited 3
check: image busybox:latest
check: port 8080
check: container gone removed
check: request GET /version from docker CLI
check: request POST /images/create?fromImage=busybox from guest socket status 2xx
check: request DELETE /images/hello-world status 200
`),
    );
    expect(parsed).toMatchObject({ id: "demo", title: "A demo", order: 1, images: ["busybox", "hello-world"], minutes: 5, intro: "Intro **text**." });
    const [run, inside] = parsed.steps;
    expect(run).toMatchObject({ id: "run-busybox", title: "Run `busybox`", line: 10, hints: ["Try `docker ps -a`."], checks: [{ kind: "container", name: "web", state: "running" }] });
    expect(run!.blocks).toEqual([
      { kind: "prose", markdown: "Some prose." },
      { kind: "run", commands: ["docker run -d --name web busybox sleep 600", "docker ps"], line: 14 },
      { kind: "prose", markdown: "```sh\na plain fenced block stays prose\n```" },
    ]);
    expect(inside!.id).toBe("inside");
    expect(inside!.checks).toEqual([
      { kind: "guest", command: "docker exec web hostname", exitCode: 0, expect: /^[0-9a-f]{12}$/ },
      { kind: "container-exited", name: "old", exitCode: 3 },
      { kind: "image", ref: "busybox:latest" },
      { kind: "port", port: 8080 },
      { kind: "container", name: "gone", state: "removed" },
      { kind: "request", method: "GET", path: "/version", client: "docker CLI" },
      { kind: "request", method: "POST", path: "/images/create?fromImage=busybox", client: "guest socket", status: "2xx" },
      { kind: "request", method: "DELETE", path: "/images/hello-world", status: "200" },
    ]);
  });

  it("names the file, the line and the problem", () => {
    expect(problem("no front matter")).toBe('lessons/demo.md:1: a lesson starts with front matter: a "---" line');
    expect(problem(lesson("", "id: demo\ntitle: x\norder: 1\nimages:\nminutes: soon"))).toBe('lessons/demo.md:6: "minutes" must be a positive whole number, got "soon"');
    expect(problem(lesson("", "id: demo\ntitle: x\norder: 1\nimages:"))).toBe('lessons/demo.md:6: the front matter has no "minutes"');
    expect(problem(lesson("", "id: demo\ncolour: red"))).toMatch(/^lessons\/demo\.md:3: unknown front matter key "colour"/);
    expect(problem(lesson("## One\n\ncheck: container web sleeping\n"))).toMatch(/^lessons\/demo\.md:10: unknown check "container web sleeping"/);
    expect(problem(lesson("## One\n\n```run\ndocker ps\n"))).toBe("lessons/demo.md:10: the ```run block is never closed");
    expect(problem(lesson("## One\n\nNo check here.\n"))).toBe('lessons/demo.md:8: step "One" has no check');
    expect(problem(lesson("## One\ncheck: image a\n## One\ncheck: image b\n"))).toMatch(/^lessons\/demo\.md:10: a second step with the id "one"/);
    expect(problem(lesson("```run\ndocker ps\n```\n"))).toMatch(/^lessons\/demo\.md:8: a ```run block before the first step/);
    expect(problem(lesson("## One\n```check\n$ true\nexpect /(/\n```\n"))).toMatch(/^lessons\/demo\.md:11: the pattern does not compile/);
    expect(problem(lesson("## One\n```run\n$ docker ps\n```\ncheck: image a\n"))).toMatch(/without the "\$ " prompt/);
    expect(problem(lesson("## One\ncheck: request GET\n"))).toMatch(/^lessons\/demo\.md:9: expected "request METHOD PATH \[from CLIENT\] \[status CODE\]"/);
    expect(problem(lesson("## One\ncheck: request get /version\n"))).toMatch(/the method must be upper case/);
    expect(problem(lesson("## One\ncheck: request GET version\n"))).toMatch(/the path must start with "\/"/);
    expect(problem(lesson("## One\ncheck: request GET /v1.47/version\n"))).toMatch(/without its API version: "\/version"/);
    expect(problem(lesson("## One\ncheck: request GET /version from curl\n"))).toMatch(/unknown client "curl" \(known: docker CLI, guest socket/);
    expect(problem(lesson("## One\ncheck: request GET /version status ok\n"))).toMatch(/the status must be a code like 200 or a class like 2xx, got "ok"/);
    expect(problem(lesson("# Title\n"))).toMatch(/^lessons\/demo\.md:8: the title belongs in the front matter/);
    expect(problem(lesson("```recap\nToo early.\n```\n"))).toMatch(/^lessons\/demo\.md:8: a ```recap block before the first step/);
    expect(problem(lesson("## One\ncheck: image a\n```recap\nDone.\n```\n## Two\n"))).toBe("lessons/demo.md:13: the ```recap block ends the lesson: nothing may follow it");
    expect(problem(lesson("## One\ncheck: image a\n```recap\n```\n"))).toBe("lessons/demo.md:10: the recap is empty");
  });

  it("makes a heredoc's lines part of the command that opened it, kept as written", () => {
    const parsed = parseLesson(
      "lessons/demo.md",
      lesson(`## One

\`\`\`run
mkdir -p app && cd app
cat > Dockerfile <<'EOF'
FROM busybox
  RUN echo "<<NOT" > /x

CMD ["cat", "/x"]
EOF
cat > a <<A; cat > b << "B"
a
A
b
B
echo '<<EOF' "<<EOF" \\<<EOF; cat <<<here
\`\`\`

check: image a
`),
    );
    expect(parsed.steps[0]!.blocks).toEqual([
      {
        kind: "run",
        commands: [
          "mkdir -p app && cd app",
          "cat > Dockerfile <<'EOF'\nFROM busybox\n  RUN echo \"<<NOT\" > /x\n\nCMD [\"cat\", \"/x\"]\nEOF",
          'cat > a <<A; cat > b << "B"\na\nA\nb\nB',
          "echo '<<EOF' \"<<EOF\" \\<<EOF; cat <<<here",
        ],
        line: 10,
      },
    ]);
  });

  it("says where a heredoc is left open, and refuses a tab the shell would complete on", () => {
    expect(problem(lesson("## One\n```run\ndocker ps\ncat > f <<'EOF'\nline\nEOF \n```\ncheck: image a\n"))).toBe('lessons/demo.md:11: the heredoc <<EOF is never closed by a line "EOF"');
    expect(problem(lesson("## One\n```run\ncat > f <<-EOF\n\tline\nEOF\n```\ncheck: image a\n"))).toBe("lessons/demo.md:10: a Run command may not hold a tab: the shell would take it for file name completion");
  });

  it("keeps the recap after the last step apart from the step's own blocks", () => {
    const parsed = parseLesson("lessons/demo.md", lesson("## One\nText.\ncheck: image a\n\n```recap\nWhat you did.\n\nNext: **more**.\n```\n"));
    expect(parsed.recap).toBe("What you did.\n\nNext: **more**.");
    expect(parsed.steps[0]!.blocks).toEqual([{ kind: "prose", markdown: "Text." }]);
    expect(parseLesson("lessons/demo.md", lesson("## One\ncheck: image a\n")).recap).toBeUndefined();
  });
});
