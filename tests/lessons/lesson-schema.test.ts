import { describe, expect, it } from "vitest";
import { dockerUsageProblem } from "../../src/engine/cli/grammar";
import { readLessons } from "./read-lessons";

/** What a Run block may start with besides docker: busybox applets (and the shell's cd) the lessons use, and curl. */
const ALLOWED = new Set(["cat", "cd", "curl", "echo", "grep", "hostname", "ls", "mkdir", "ps", "readlink", "sed", "test", "uname"]);

/** A command line's words, quotes removed, split into the commands of a pipeline or list. */
function commandsOf(line: string): string[][] {
  const commands: string[][] = [[]];
  let word: string | undefined;
  const end = () => {
    if (word !== undefined) commands.at(-1)!.push(word);
    word = undefined;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      if (close < 0) throw new Error(`unclosed ${c} in ${line}`);
      word = (word ?? "") + line.slice(i + 1, close);
      i = close;
    } else if (c === "$" && line[i + 1] === "(") {
      const close = line.indexOf(")", i);
      commands.push(...commandsOf(line.slice(i + 2, close)));
      word = (word ?? "") + "X";
      i = close;
    } else if (/\s/.test(c)) end();
    else if (c === "|" || c === ";" || c === "&") {
      end();
      if (line[i + 1] === c) i++;
      commands.push([]);
    } else word = (word ?? "") + c;
  }
  end();
  return commands.filter((words) => words.length > 0);
}

/** A Run command's problem; of a heredoc (`cat > Dockerfile <<'EOF'` and the lines up to `EOF`), its first line's. */
function problemOf(command: string): string | undefined {
  for (const [name, ...args] of commandsOf(command.split("\n")[0]!)) {
    if (name === "docker") {
      const problem = dockerUsageProblem(args);
      if (problem) return problem;
    } else if (!ALLOWED.has(name!)) return `${name} is not a command the lessons may use`;
  }
  return undefined;
}

describe("lessons/", () => {
  const lessons = readLessons();

  it("parses, with unique ids and contiguous order", () => {
    expect(lessons.length).toBeGreaterThanOrEqual(4);
    expect(new Set(lessons.map((l) => l.id)).size).toBe(lessons.length);
    expect(lessons.map((l) => l.order)).toEqual(lessons.map((_, i) => i + 1));
  });

  for (const [index, lesson] of lessons.entries()) {
    const next = lessons[index + 1];
    it(`${lesson.file}: ends with a recap that ${next ? `names the next lesson, ${next.title}` : "is the last"}`, () => {
      expect(lesson.recap, `${lesson.file} has no \`\`\`recap block`).toBeTruthy();
      if (next) expect(lesson.recap).toContain(`**${next.title}**`);
    });
  }

  for (const lesson of lessons) {
    it(`${lesson.file}: 5 to 10 steps, each with a check (a shell check saying what is missing), and only commands the CLI and the guest accept`, () => {
      expect(lesson.steps.length).toBeGreaterThanOrEqual(5);
      expect(lesson.steps.length).toBeLessThanOrEqual(10);
      for (const step of lesson.steps) {
        expect(step.checks.length, step.id).toBeGreaterThan(0);
        // A shell check's own failure reads like internals (`... exited with 0, not 1`): the author says what is missing.
        for (const check of step.checks) if (check.kind === "guest") expect(check.missing, `${lesson.file}: ${step.id}: a \`\`\`check block with no "missing" line`).toBeTruthy();
        for (const block of step.blocks) {
          if (block.kind !== "run") continue;
          for (const command of block.commands) expect(problemOf(command), `${lesson.file}:${block.line}: ${command}`).toBeUndefined();
        }
      }
    });
  }

  for (const lesson of lessons) {
    // A check an earlier step already has is true from the start of this step: a step made only
    // of those turns green before the learner does anything. (lessons-in-vm.test.ts runs every
    // step's checks before its commands, on the VM, and wants them to fail.)
    it(`${lesson.file}: every step looks for something its own commands do`, () => {
      const earlier = new Set<string>();
      for (const step of lesson.steps) {
        const keys = step.checks.map((check) => JSON.stringify(check, (_, value: unknown) => (value instanceof RegExp ? String(value) : value)));
        const own = step.checks.some((check) => check.kind === "request") || keys.some((key) => !earlier.has(key));
        expect(own, `${step.id}: a request check, or a check no earlier step has`).toBe(true);
        keys.forEach((key) => earlier.add(key));
        for (const check of step.checks) {
          // The page's requests are the checks' own, never a learner's.
          if (check.kind === "request") expect(check.client, `${step.id}: ${check.method} ${check.path}`).not.toBe("this page");
        }
      }
    });
  }

  it("catches what a lesson author might get wrong in a Run block", () => {
    expect(problemOf("docker run --nmae web busybox")).toBe("unknown flag: --nmae");
    expect(problemOf("docker contaner ls")).toBe("docker: unknown command: docker contaner");
    expect(problemOf("docker stop")).toMatch(/requires at least 1 argument/);
    expect(problemOf("docker ps | less")).toBe("less is not a command the lessons may use");
    expect(problemOf("readlink /proc/$(docker inspect --format '{{.State.Pid}}' box)/ns/pid")).toBeUndefined();
    expect(problemOf("readlink /proc/$(docker inspec box)/ns/pid")).toMatch(/unknown command/);
    expect(problemOf("docker -H tcp://docker:2375 rmi hello-world")).toBeUndefined();
    expect(problemOf("cat > Dockerfile <<'EOF'\nFROM busybox\nCMD [\"it's\"]\nEOF")).toBeUndefined();
    expect(problemOf("tee Dockerfile <<'EOF'\nFROM busybox\nEOF")).toBe("tee is not a command the lessons may use");
  });
});
