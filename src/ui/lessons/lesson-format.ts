/**
 * The lesson format (lessons/README.md describes it for authors): markdown with front matter,
 * `## ` headings opening steps, fenced `run`, `hint` and `check` blocks, and one-line `check:`
 * directives. Pure TypeScript, so the schema test reads lessons exactly as the page does.
 */

import type { ExchangeClient } from "../../shared/api-exchange";

export interface Lesson {
  id: string;
  title: string;
  order: number;
  /** What the lesson pulls or runs, so the page can say so up front. */
  images: string[];
  minutes: number;
  file: string;
  /** Markdown before the first step. */
  intro: string;
  steps: Step[];
  /** Markdown after the last step: what the lesson showed and what comes next. */
  recap?: string;
}

export interface Step {
  id: string;
  title: string;
  /** Where the step's heading is, for messages. */
  line: number;
  /** Prose and commands, in the order the author wrote them. */
  blocks: Block[];
  /** Markdown, shown folded. */
  hints: string[];
  /** The step is done when every one of these passes. */
  checks: Check[];
}

export type Block = { kind: "prose"; markdown: string } | { kind: "run"; commands: string[]; line: number };

export type Check =
  /** `stopped`: exited, whatever its code (a reload stops a container too). */
  | { kind: "container"; name: string; state: "running" | "stopped" | "exists" | "removed" }
  | { kind: "container-exited"; name: string; exitCode: number }
  | { kind: "image"; ref: string }
  | { kind: "network"; name: string }
  | { kind: "port"; port: number }
  /** `missing` says, in the lesson's words, what is not there yet while the command disagrees. */
  | { kind: "guest"; command: string; expect?: RegExp; exitCode: number; missing?: string }
  /**
   * An Engine API request made since the step before became the one to do. `path` is a prefix
   * of the request's path and query once its /vX.Y is removed; no client means the learner's
   * (not "this page" nor "lesson check"); `status` is a code ("204") or a class ("2xx").
   */
  | { kind: "request"; method: string; path: string; client?: RequestClient; status?: string };

/** The clients a request check may name: the daemon's own registry calls are not API requests, and a check's own commands are not the learner's. */
export type RequestClient = Exclude<ExchangeClient, "daemon" | "lesson check">;
export const REQUEST_CLIENTS: readonly RequestClient[] = ["docker CLI", "guest socket", "tcp 2375", "this page", "Node socket"];

export class LessonFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
    this.name = "LessonFormatError";
  }
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FRONT_MATTER_KEYS = ["id", "title", "order", "images", "minutes"] as const;

export function parseLesson(file: string, source: string): Lesson {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const fail = (index: number, problem: string): never => {
    throw new LessonFormatError(file, index + 1, problem);
  };
  const { meta, next } = frontMatter(lines, fail);
  const steps: Step[] = [];
  const intro: string[] = [];
  let step: Step | undefined;
  let recap: string | undefined;
  let prose: string[] = [];

  const flushProse = () => {
    const markdown = prose.join("\n").trim();
    prose = [];
    if (!markdown) return;
    if (step) step.blocks.push({ kind: "prose", markdown });
    else intro.push(markdown);
  };
  const inStep = (index: number, what: string): Step => step ?? fail(index, `${what} before the first step (a "## " heading)`);

  for (let i = next; i < lines.length; i++) {
    const line = lines[i]!;
    if (recap !== undefined && line.trim()) fail(i, "the ```recap block ends the lesson: nothing may follow it");
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading && heading[1] === "#") fail(i, 'the title belongs in the front matter, not in a "# " heading');
    if (heading && heading[1] === "##") {
      flushProse();
      step = newStep(heading[2]!.trim(), i, steps, fail);
      steps.push(step);
      continue;
    }
    const fence = /^(`{3,})\s*([\w-]*)\s*$/.exec(line);
    if (fence) {
      const end = lines.findIndex((l, j) => j > i && l.trimEnd() === fence[1]);
      if (end < 0) fail(i, `the \`\`\`${fence[2]} block is never closed`);
      const body = lines.slice(i + 1, end);
      const kind = fence[2]!;
      if (kind === "recap") {
        if (recap !== undefined) fail(i, "a second ```recap block (a lesson has one, after its last step)");
        flushProse();
        inStep(i, "a ```recap block");
        recap = nonEmpty(body.join("\n").trim(), i, "the recap is empty", fail);
      } else if (kind === "run" || kind === "hint" || kind === "check") {
        flushProse();
        const current = inStep(i, `a \`\`\`${kind} block`);
        if (kind === "run") current.blocks.push({ kind: "run", commands: runCommands(body, i, fail), line: i + 1 });
        else if (kind === "hint") current.hints.push(nonEmpty(body.join("\n").trim(), i, "the hint is empty", fail));
        else current.checks.push(guestCheck(body, i, fail));
      } else {
        prose.push(...lines.slice(i, end + 1));
      }
      i = end;
      continue;
    }
    const directive = /^check:\s*(.*)$/.exec(line);
    if (directive) {
      flushProse();
      inStep(i, "a check").checks.push(daemonCheck(directive[1]!.trim(), i, fail));
      continue;
    }
    prose.push(line);
  }
  flushProse();

  if (steps.length === 0) fail(next, 'a lesson needs at least one step (a "## " heading)');
  for (const s of steps) {
    if (s.checks.length === 0) fail(s.line - 1, `step "${s.title}" has no check`);
  }
  return { ...meta, file, intro: intro.join("\n\n"), steps, ...(recap === undefined ? {} : { recap }) };
}

function frontMatter(lines: string[], fail: (index: number, problem: string) => never) {
  if (lines[0] !== "---") fail(0, 'a lesson starts with front matter: a "---" line');
  const end = lines.indexOf("---", 1);
  if (end < 0) fail(0, 'the front matter is never closed with a "---" line');
  const values = new Map<string, { value: string; index: number }>();
  for (let i = 1; i < end; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    const pair = /^([a-z]+):\s*(.*)$/.exec(line);
    if (!pair) fail(i, `expected "key: value" in the front matter, got ${JSON.stringify(line)}`);
    const [, key, value] = pair!;
    if (!(FRONT_MATTER_KEYS as readonly string[]).includes(key!)) fail(i, `unknown front matter key "${key}" (known: ${FRONT_MATTER_KEYS.join(", ")})`);
    if (values.has(key!)) fail(i, `"${key}" is given twice`);
    values.set(key!, { value: value!.trim(), index: i });
  }
  const get = (key: (typeof FRONT_MATTER_KEYS)[number]) => values.get(key) ?? fail(end, `the front matter has no "${key}"`);
  const count = (key: "order" | "minutes") => {
    const { value, index } = get(key);
    if (!/^[1-9]\d*$/.test(value)) fail(index, `"${key}" must be a positive whole number, got ${JSON.stringify(value)}`);
    return Number(value);
  };
  const id = get("id");
  if (!ID.test(id.value)) fail(id.index, `the id "${id.value}" must be lowercase words joined by "-"`);
  const title = get("title");
  if (!title.value) fail(title.index, "the title is empty");
  const images = get("images");
  const list = images.value.replace(/^\[(.*)\]$/, "$1");
  return {
    meta: {
      id: id.value,
      title: title.value,
      order: count("order"),
      images: list.split(",").map((s) => s.trim()).filter(Boolean),
      minutes: count("minutes"),
    },
    next: end + 1,
  };
}

function newStep(heading: string, index: number, steps: Step[], fail: (index: number, problem: string) => never): Step {
  const explicit = /^(.*?)\s*\{#([^}]*)\}$/.exec(heading);
  const title = explicit ? explicit[1]! : heading;
  const id = explicit ? explicit[2]! : slug(title);
  if (!title) fail(index, "the step has no title");
  if (!ID.test(id)) fail(index, `the step id "${id}" must be lowercase words joined by "-"`);
  if (steps.some((s) => s.id === id)) fail(index, `a second step with the id "${id}" (give one a {#other-id})`);
  return { id, title, line: index + 1, blocks: [], hints: [], checks: [] };
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/`/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/**
 * A ```run block's commands: one per line, but for a heredoc (`cat > f <<'EOF'`), whose lines up
 * to its delimiter belong to the command that opened it: one command of several lines, typed as
 * a whole. A heredoc's lines are kept as written; a command's own line is trimmed.
 */
function runCommands(body: string[], index: number, fail: (index: number, problem: string) => never): string[] {
  const commands: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const at = index + 1 + i;
    const line = body[i]!.trim();
    if (!line) continue;
    if (line.startsWith("$ ")) fail(at, `write the command without the "$ " prompt: ${line}`);
    const lines = [line];
    for (const delimiter of heredocsOf(line)) {
      for (;;) {
        i++;
        if (i >= body.length) fail(at, `the heredoc <<${delimiter} is never closed by a line "${delimiter}"`);
        const raw = body[i]!;
        lines.push(raw);
        if (raw === delimiter) break;
      }
    }
    // A tab typed at the shell completes a file name instead of being typed (and so `<<-`, which
    // strips leading tabs, is `<<` here).
    if (lines.some((l) => l.includes("\t"))) fail(at, "a Run command may not hold a tab: the shell would take it for file name completion");
    commands.push(lines.join("\n"));
  }
  if (commands.length === 0) fail(index, "the ```run block has no command");
  return commands;
}

/** The delimiters of the heredocs a command line opens, in order: `<<WORD`, `<<'WORD'`, `<<"WORD"`, `<<-WORD`, outside quotes; not `<<<`. */
function heredocsOf(line: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "\\") i++;
    else if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      if (close < 0) break;
      i = close;
    } else if (line.startsWith("<<", i)) {
      if (line[i + 2] === "<") {
        i += 2;
        continue;
      }
      const word = /^<<-?[ ]*(?:'([^']*)'|"([^"]*)"|([^\s;&|<>()'"]+))/.exec(line.slice(i));
      if (!word) continue;
      found.push((word[1] ?? word[2] ?? word[3])!);
      i += word[0].length - 1;
    }
  }
  return found;
}

function nonEmpty(text: string, index: number, problem: string, fail: (index: number, problem: string) => never): string {
  return text || fail(index, problem);
}

/** `container NAME running|stopped|exists|removed`, `container NAME exited [CODE]`, `image REF`, `network NAME`, `port N`, `request METHOD PATH [from CLIENT] [status CODE]`. */
function daemonCheck(text: string, index: number, fail: (index: number, problem: string) => never): Check {
  const words = text.split(/\s+/);
  const [kind, subject, state, code] = words;
  const usage = 'expected "container NAME running|stopped|exists|removed", "container NAME exited [CODE]", "image REF", "network NAME", "port NUMBER" or "request METHOD PATH [from CLIENT] [status CODE]"';
  if (kind === "request") return requestCheck(text, index, fail);
  if (kind === "container" && subject && words.length === 3 && (state === "running" || state === "stopped" || state === "exists" || state === "removed")) {
    return { kind: "container", name: subject, state };
  }
  if (kind === "container" && subject && state === "exited" && words.length <= 4) {
    if (code !== undefined && !/^\d+$/.test(code)) fail(index, `the exit code must be a number, got "${code}"`);
    return { kind: "container-exited", name: subject, exitCode: Number(code ?? 0) };
  }
  if (kind === "image" && subject && words.length === 2) return { kind: "image", ref: subject };
  if (kind === "network" && subject && words.length === 2) return { kind: "network", name: subject };
  if (kind === "port" && subject && words.length === 2) {
    const port = Number(subject);
    if (!Number.isInteger(port) || port < 1 || port > 65535) fail(index, `"${subject}" is not a port number`);
    return { kind: "port", port };
  }
  return fail(index, `unknown check "${text}": ${usage}`);
}

function requestCheck(text: string, index: number, fail: (index: number, problem: string) => never): Check {
  const parts = /^request\s+(\S+)\s+(\S+)(?:\s+from\s+(.+?))?(?:\s+status\s+(\S+))?$/.exec(text);
  if (!parts) return fail(index, `expected "request METHOD PATH [from CLIENT] [status CODE]", got "${text}"`);
  const [method, path, client, status] = [parts[1]!, parts[2]!, parts[3], parts[4]];
  if (!/^[A-Z]+$/.test(method)) fail(index, `the method must be upper case, like GET or POST, got "${method}"`);
  if (!path.startsWith("/")) fail(index, `the path must start with "/", got "${path}"`);
  // Clients choose their own version (curl in the lessons says /v1.47, the CLI may not): the
  // check matches after it, so a versioned path would never match.
  if (/^\/v\d/.test(path)) fail(index, `write the path without its API version: "${path.replace(/^\/v[\d.]+/, "")}"`);
  if (client !== undefined && !(REQUEST_CLIENTS as readonly string[]).includes(client)) fail(index, `unknown client "${client}" (known: ${REQUEST_CLIENTS.join(", ")})`);
  if (status !== undefined && !/^[1-5](?:\d\d|xx)$/.test(status)) fail(index, `the status must be a code like 200 or a class like 2xx, got "${status}"`);
  return { kind: "request", method, path, ...(client ? { client: client as RequestClient } : {}), ...(status ? { status } : {}) };
}

/** A ```check block: `$ COMMAND` run on the Docker host, then optional `expect /RE/` and `exit N`. */
function guestCheck(body: string[], index: number, fail: (index: number, problem: string) => never): Check {
  let command: string | undefined;
  let expect: RegExp | undefined;
  let exitCode = 0;
  let missing: string | undefined;
  body.forEach((raw, offset) => {
    const at = index + 1 + offset;
    const line = raw.trim();
    if (!line) return;
    if (line.startsWith("$ ")) {
      if (command !== undefined) fail(at, "a ```check block runs one command");
      command = line.slice(2).trim();
    } else if (line.startsWith("expect ")) {
      const pattern = /^expect\s+\/(.*)\/([a-z]*)$/.exec(line);
      if (!pattern) fail(at, `expected "expect /PATTERN/flags", got ${JSON.stringify(line)}`);
      try {
        expect = new RegExp(pattern![1]!, pattern![2]);
      } catch (error) {
        fail(at, `the pattern does not compile: ${(error as Error).message}`);
      }
    } else if (/^exit\s+\d+$/.test(line)) {
      exitCode = Number(line.slice(4).trim());
    } else if (line.startsWith("missing ")) {
      missing = line.slice("missing ".length).trim();
    } else {
      fail(at, `a \`\`\`check block holds "$ COMMAND", "expect /PATTERN/", "exit N" and "missing TEXT" lines, got ${JSON.stringify(line)}`);
    }
  });
  if (!command) return fail(index, 'the ```check block has no "$ COMMAND" line');
  return { kind: "guest", command, exitCode, ...(expect ? { expect } : {}), ...(missing ? { missing } : {}) };
}

/** Every lesson of a folder, by order; the file names are for messages. */
export function parseLessons(files: Record<string, string>): Lesson[] {
  return Object.entries(files)
    .filter(([file]) => !file.endsWith("README.md"))
    .map(([file, source]) => parseLesson(file, source))
    .sort((a, b) => a.order - b.order);
}
