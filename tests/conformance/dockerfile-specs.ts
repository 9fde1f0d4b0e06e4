// BuildKit's Dockerfile vectors, read in place from ../shared/specs/dockerfile (the specs stay out
// of this repository; see ../shared/specs/README.md). Without that folder the tests that use them
// are skipped, and say so.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PROJECT_ROOT } from "../../src/node/paths";

/** ../shared from the main checkout; a worktree looks further up for the same folder. */
function findSpecs(): string | undefined {
  for (let dir = dirname(PROJECT_ROOT); ; dir = dirname(dir)) {
    const specs = join(dir, "shared", "specs", "dockerfile");
    if (existsSync(specs)) return specs;
    if (dirname(dir) === dir) return undefined;
  }
}

export const DOCKERFILE_SPECS = findSpecs();

/** What the describe blocks are named for: the folder, or that it is absent. */
export const SPECS_TITLE = DOCKERFILE_SPECS ?? "../shared/specs/dockerfile (absent: skipped)";

/** A file under the vectors' folder. */
export function specFile(...path: string[]): string {
  return readFileSync(join(DOCKERFILE_SPECS!, ...path), "utf8");
}

/** The case folders under one of the vectors' folders; none when the specs are absent. */
export function specCases(folder: string): string[] {
  return DOCKERFILE_SPECS ? readdirSync(join(DOCKERFILE_SPECS, folder)).sort() : [];
}
