/**
 * Golden files for the docker CLI: each is a script of commands, run in order, with what each
 * printed and its exit status. The files are recorded from the official docker CLI against
 * Drydock's daemon (RECORD_GOLDEN=1 with `docker` installed), so a test that replays them
 * through Drydock's CLI shows its output is Docker's, byte for byte where nothing depends on
 * the clock or on random IDs.
 *
 * Each file runs with a fresh DOCKER_CONFIG of its own, written $CONFIG; $SOCKET is the test
 * daemon's socket. Both are written so in command lines and put back so in what is printed.
 * Commands get `-H unix://$SOCKET`, but in a file whose first line is `#! no-host`: there each
 * says where the daemon is itself (-H, DOCKER_HOST, a context), or meets none. A file marked
 * `no-guest` prints nothing that depends on the guest (no image, no container's output): it is
 * also replayed against a daemon over the fake runtime (golden-fake.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliResult } from "../support/cli";

export interface GoldenCase {
  args: string[];
  /** NAME=value words before `docker`. */
  env: Record<string, string>;
  /** The command line as written in the file, without the "$ ". */
  line: string;
  stdin?: string;
  stdout: string;
  stderr: string;
  exit: number;
}

/** The directives of a file (`#! no-host` on its first line). */
export function goldenDirectives(text: string): string[] {
  const first = text.split("\n", 1)[0]!;
  return first.startsWith("#! ") ? first.slice(3).trim().split(/\s+/) : [];
}

/**
 * `$ [NAME=value ...] docker ARGS` starts a case; `--- stdout`, `--- stderr`, `--- stdin` start
 * sections; `--- exit N` ends it.
 */
export function parseGolden(text: string): GoldenCase[] {
  const cases: GoldenCase[] = [];
  let current: GoldenCase | undefined;
  let section: "stdout" | "stderr" | "stdin" | undefined;
  for (const line of text.split("\n")) {
    if (!current) {
      if (line.startsWith("$ ")) {
        const words = shellWords(line.slice(2));
        const env: Record<string, string> = {};
        while (/^[A-Za-z_]\w*=/.test(words[0] ?? "")) {
          const word = words.shift()!;
          env[word.slice(0, word.indexOf("="))] = word.slice(word.indexOf("=") + 1);
        }
        if (words.shift() !== "docker") continue;
        current = { args: words, env, line: line.slice(2), stdout: "", stderr: "", exit: 0 };
        section = undefined;
      }
      continue;
    }
    const marker = /^--- (stdout|stderr|stdin|exit (\d+))$/.exec(line);
    if (marker) {
      if (marker[2] !== undefined) {
        current.exit = Number(marker[2]);
        cases.push(current);
        current = undefined;
      } else section = marker[1] as "stdout" | "stderr" | "stdin";
      continue;
    }
    if (section === "stdin") current.stdin = (current.stdin ?? "") + line + "\n";
    else if (section) current[section] += line + "\n";
  }
  return cases;
}

export function formatGolden(cases: readonly GoldenCase[], directives: readonly string[] = []): string {
  const head = directives.length > 0 ? `#! ${directives.join(" ")}\n\n` : "";
  return head + cases
    .map((c) => {
      let text = `$ ${c.line}\n`;
      if (c.stdin !== undefined) text += `--- stdin\n${c.stdin}`;
      if (c.stdout) text += `--- stdout\n${c.stdout}${c.stdout.endsWith("\n") ? "" : "\n"}`;
      if (c.stderr) text += `--- stderr\n${c.stderr}${c.stderr.endsWith("\n") ? "" : "\n"}`;
      return `${text}--- exit ${c.exit}\n`;
    })
    .join("\n");
}

const AGO = /(Less than a second|About an? (minute|hour)|\d+ (seconds?|minutes?|hours?|days?|weeks?|months?|years?))( ago)?/g;

/**
 * What may differ between two runs: IDs and digests, ages and uptimes. An output with an age in
 * it is compared with its runs of spaces collapsed (a table's widths follow the ages' lengths).
 */
export function normalize(text: string): string {
  const ids = text.replace(/\b[0-9a-f]{64}\b/g, "<id>").replace(/\b[0-9a-f]{12}\b/g, "<short-id>");
  const aged = ids.replace(AGO, "<age>");
  return (aged === ids ? aged : aged.replace(/ {2,}/g, "  "))
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<time>")
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC/g, "<time>");
}

/** The file's $NAME placeholders given their values, or (`back`) the values made placeholders again. */
export function placeholders(text: string, values: Record<string, string>, back = false): string {
  for (const [name, value] of Object.entries(values)) text = back ? text.replaceAll(value, `$${name}`) : text.replaceAll(`$${name}`, value);
  return text;
}

/** Splits a command line as sh would: quotes and backslashes, no expansions. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === " " || c === "\t") {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? "") + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      word ??= "";
      for (; line[j] !== '"'; j++) word += line[j] === "\\" && /["\\$`]/.test(line[j + 1]!) ? line[++j] : line[j];
      i = j;
    } else if (c === "\\") {
      word = (word ?? "") + line[++i];
    } else word = (word ?? "") + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** Who runs a golden file's commands: a daemon's socket and a docker CLI pointed at it. */
export interface GoldenRunner {
  /** The daemon's UNIX socket (the file's $SOCKET); read once the tests run. */
  socket(): string;
  run(args: string[], env: Record<string, string>, stdin: string | undefined): Promise<CliResult>;
}

/**
 * A describe per file, a test per command: each compared with what the file says it printed,
 * or (`record`) the file written again with what this runner printed.
 */
export function replayGolden(path: string, runner: GoldenRunner, record = false): void {
  const text = readFileSync(path, "utf8");
  const directives = goldenDirectives(text);
  const cases = parseGolden(text);
  describe(path.slice(path.lastIndexOf("/") + 1), () => {
    const recorded: GoldenCase[] = [];
    let config: string;
    beforeAll(() => {
      config = mkdtempSync(join(tmpdir(), "drydock-config-"));
    });
    afterAll(() => rmSync(config, { recursive: true, force: true }));

    for (const c of cases) {
      it(c.line, async () => {
        const values = { SOCKET: runner.socket(), CONFIG: config };
        const args = [...(directives.includes("no-host") ? [] : ["-H", `unix://${values.SOCKET}`]), ...c.args.map((arg) => placeholders(arg, values))];
        const env = { DOCKER_CONFIG: config, ...Object.fromEntries(Object.entries(c.env).map(([name, value]) => [name, placeholders(value, values)])) };
        const result = await runner.run(args, env, c.stdin);
        const printed = { stdout: placeholders(result.stdout, values, true), stderr: placeholders(result.stderr, values, true), exit: result.code };
        if (record) {
          recorded.push({ ...c, ...printed });
          if (recorded.length === cases.length) writeFileSync(path, formatGolden(recorded, directives));
          return;
        }
        expect({ stdout: normalize(printed.stdout), stderr: normalize(printed.stderr), exit: printed.exit }).toEqual({ stdout: normalize(c.stdout), stderr: normalize(c.stderr), exit: c.exit });
      });
    }
  });
}
