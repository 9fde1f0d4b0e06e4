import type { BuildVertex } from "../../../shared/engine-api/build";
import type { BuildTrace } from "./build-trace";

/**
 * BuildKit's block under a failed build, for each step that failed: its name and its output,
 * all of it after the terminal display, the last `lines` after the plain one.
 *
 *   ------
 *    > [2/2] RUN echo hi && false:
 *   0.262 hi
 *   ------
 */
export function failedSteps(trace: BuildTrace, lines?: number): string {
  return trace
    .failed()
    .map((v) => `------\n > ${v.name}:\n${(lines === undefined ? v.lines : v.lines.slice(-lines)).map((line) => `${line}\n`).join("")}------\n`)
    .join("");
}

/**
 * BuildKit's Source.Print: the Dockerfile's lines around those a failed step ran, numbered,
 * `>>>` marking them; two lines of context each side (four for a one-line step, less at the
 * file's ends, as BuildKit counts them).
 *
 *   Dockerfile:2
 *   --------------------
 *      1 |     FROM busybox
 *      2 | >>> RUN false
 *      3 |
 *   --------------------
 */
export function sourceSnippet(source: NonNullable<BuildVertex["source"]>, text: string): string {
  const lines = text.split("\n");
  const first = source.line;
  const lastLine = Math.max(source.line, source.endLine);
  if (first < 1 || first > lines.length) return "";
  let start = first;
  let end = Math.min(lastLine, lines.length);
  const pad = start === end ? 4 : 2;
  // BuildKit's loop: each round widens by a line above and one below where it can, and
  // counts one round more, so the context is not always what `pad` says.
  for (let p = 0; p < pad; p++) {
    if (start > 1) {
      start--;
      p++;
    }
    if (end !== lines.length) {
      end++;
      p++;
    }
  }
  let out = `${source.file}:${first}\n--------------------\n`;
  for (let i = start; i <= end; i++) {
    const marker = i >= first && i <= lastLine ? ">>>" : "   ";
    out += ` ${String(i).padStart(3)} | ${marker} ${lines[i - 1]}\n`;
  }
  return `${out}--------------------\n`;
}
