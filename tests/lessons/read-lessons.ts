import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../src/node/paths";
import { parseLessons, type Lesson } from "../../src/ui/lessons/lesson-format";

/** lessons/*.md as the page bundles them, keyed by their path from the repository's root. */
export function lessonFiles(): Record<string, string> {
  const dir = join(PROJECT_ROOT, "lessons");
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".md"))) files[`lessons/${name}`] = readFileSync(join(dir, name), "utf8");
  return files;
}

export function readLessons(): Lesson[] {
  return parseLessons(lessonFiles());
}
